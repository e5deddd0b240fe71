package io.github.camelpaperless.client.model;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A closed set of values the API sends as lower-case strings ({@code pending}, {@code consume_file}, ...), as an enum
 * whose constants are those values in upper case, with {@code UNKNOWN} for values a newer server may send.
 */
public interface ApiValue {

    /** The enum constant's name (implemented by every enum). */
    String name();

    /** The API value: the constant's name in lower case. */
    @JsonValue
    default String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads an API value case-insensitively (API 9 sends some in upper case): {@code null} gives {@code null}, a value
     * this client does not know gives the enum's {@code UNKNOWN}.
     */
    static <E extends Enum<E> & ApiValue> E of(Class<E> type, String value) {
        if (value == null) {
            return null;
        }
        String s = value.trim().toUpperCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(s)) {
                return e;
            }
        }
        return Enum.valueOf(type, "UNKNOWN");
    }
}
