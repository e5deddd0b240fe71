package io.github.camelpaperless.client.model;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The state of a task. API 10 sends lowercase, API 9 uppercase; both read the same. Unknown values read as UNKNOWN. */
public enum TaskStatus {
    PENDING("pending"),
    STARTED("started"),
    SUCCESS("success"),
    FAILURE("failure"),
    REVOKED("revoked"),
    RETRY("retry"),
    RECEIVED("received"),
    UNKNOWN("unknown");

    private final String value;

    TaskStatus(String value) {
        this.value = value;
    }

    /** The API value, e.g. {@code pending}. */
    @JsonValue
    public String value() {
        return value;
    }

    /** Reads an API value case-insensitively; unknown values give {@link #UNKNOWN}. */
    @JsonCreator
    public static TaskStatus of(String value) {
        if (value == null) {
            return null;
        }
        String s = value.trim().toLowerCase(Locale.ROOT);
        for (TaskStatus e : values()) {
            if (e.value.equals(s)) {
                return e;
            }
        }
        return UNKNOWN;
    }

    @Override
    public String toString() {
        return value;
    }
}
