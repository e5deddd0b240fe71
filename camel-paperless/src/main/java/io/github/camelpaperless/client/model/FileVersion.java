package io.github.camelpaperless.client.model;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Which file a share link serves. */
public enum FileVersion {
    ARCHIVE("archive"),
    ORIGINAL("original"),
    UNKNOWN("unknown");

    private final String value;

    FileVersion(String value) {
        this.value = value;
    }

    /** The API value, e.g. {@code archive}. */
    @JsonValue
    public String value() {
        return value;
    }

    /** Reads an API value case-insensitively; unknown values give {@link #UNKNOWN}. */
    @JsonCreator
    public static FileVersion of(String value) {
        if (value == null) {
            return null;
        }
        String s = value.trim().toLowerCase(Locale.ROOT);
        for (FileVersion e : values()) {
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
