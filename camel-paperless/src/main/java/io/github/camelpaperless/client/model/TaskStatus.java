package io.github.camelpaperless.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;

/** The state of a task. API 10 sends lowercase, API 9 uppercase; both read the same. Unknown values read as UNKNOWN. */
public enum TaskStatus implements ApiValue {
    PENDING,
    STARTED,
    SUCCESS,
    FAILURE,
    REVOKED,
    RETRY,
    RECEIVED,
    UNKNOWN;

    /** Reads an API value case-insensitively; unknown values give {@link #UNKNOWN}. */
    @JsonCreator
    public static TaskStatus of(String value) {
        return ApiValue.of(TaskStatus.class, value);
    }

    /** The API value (as {@link #value()}). */
    @Override
    public String toString() {
        return value();
    }
}
