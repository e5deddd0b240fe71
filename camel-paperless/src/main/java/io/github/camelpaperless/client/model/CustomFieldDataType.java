package io.github.camelpaperless.client.model;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The data type of a custom field. Unknown values read as UNKNOWN. */
public enum CustomFieldDataType {
    STRING("string"),
    URL("url"),
    DATE("date"),
    BOOLEAN("boolean"),
    INTEGER("integer"),
    FLOAT("float"),
    MONETARY("monetary"),
    DOCUMENTLINK("documentlink"),
    SELECT("select"),
    LONGTEXT("longtext"),
    UNKNOWN("unknown");

    private final String value;

    CustomFieldDataType(String value) {
        this.value = value;
    }

    /** The API value, e.g. {@code string}. */
    @JsonValue
    public String value() {
        return value;
    }

    /** Reads an API value case-insensitively; unknown values give {@link #UNKNOWN}. */
    @JsonCreator
    public static CustomFieldDataType of(String value) {
        if (value == null) {
            return null;
        }
        String s = value.trim().toLowerCase(Locale.ROOT);
        for (CustomFieldDataType e : values()) {
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
