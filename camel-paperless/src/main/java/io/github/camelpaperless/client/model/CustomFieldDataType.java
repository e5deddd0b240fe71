package io.github.camelpaperless.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;

/** The data type of a custom field. Unknown values read as UNKNOWN. */
public enum CustomFieldDataType implements ApiValue {
    STRING,
    URL,
    DATE,
    BOOLEAN,
    INTEGER,
    FLOAT,
    MONETARY,
    DOCUMENTLINK,
    SELECT,
    LONGTEXT,
    UNKNOWN;

    /** Reads an API value case-insensitively; unknown values give {@link #UNKNOWN}. */
    @JsonCreator
    public static CustomFieldDataType of(String value) {
        return ApiValue.of(CustomFieldDataType.class, value);
    }

    /** The API value (as {@link #value()}). */
    @Override
    public String toString() {
        return value();
    }
}
