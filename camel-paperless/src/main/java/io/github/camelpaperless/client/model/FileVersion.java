package io.github.camelpaperless.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;

/** Which file a share link serves. */
public enum FileVersion implements ApiValue {
    ARCHIVE,
    ORIGINAL,
    UNKNOWN;

    /** Reads an API value case-insensitively; unknown values give {@link #UNKNOWN}. */
    @JsonCreator
    public static FileVersion of(String value) {
        return ApiValue.of(FileVersion.class, value);
    }

    /** The API value (as {@link #value()}). */
    @Override
    public String toString() {
        return value();
    }
}
