package io.github.camelpaperless.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;

/** What started a task (API 10 {@code trigger_source}). */
public enum TriggerSource implements ApiValue {
    SCHEDULED,
    WEB_UI,
    API_UPLOAD,
    FOLDER_CONSUME,
    EMAIL_CONSUME,
    SYSTEM,
    MANUAL,
    UNKNOWN;

    /** Reads an API value case-insensitively; unknown values give {@link #UNKNOWN}. */
    @JsonCreator
    public static TriggerSource of(String value) {
        return ApiValue.of(TriggerSource.class, value);
    }

    /** The API value (as {@link #value()}). */
    @Override
    public String toString() {
        return value();
    }
}
