package io.github.camelpaperless.client.model;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What started a task (API 10 {@code trigger_source}). */
public enum TriggerSource {
    SCHEDULED("scheduled"),
    WEB_UI("web_ui"),
    API_UPLOAD("api_upload"),
    FOLDER_CONSUME("folder_consume"),
    EMAIL_CONSUME("email_consume"),
    SYSTEM("system"),
    MANUAL("manual"),
    UNKNOWN("unknown");

    private final String value;

    TriggerSource(String value) {
        this.value = value;
    }

    /** The API value, e.g. {@code scheduled}. */
    @JsonValue
    public String value() {
        return value;
    }

    /** Reads an API value case-insensitively; unknown values give {@link #UNKNOWN}. */
    @JsonCreator
    public static TriggerSource of(String value) {
        if (value == null) {
            return null;
        }
        String s = value.trim().toLowerCase(Locale.ROOT);
        for (TriggerSource e : values()) {
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
