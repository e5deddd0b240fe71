package io.github.camelpaperless.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How Paperless matches documents to a correspondent, type, tag or storage path. Unknown codes read as UNKNOWN. */
public enum MatchingAlgorithm {
    NONE(0),
    ANY(1),
    ALL(2),
    LITERAL(3),
    REGEX(4),
    FUZZY(5),
    AUTO(6),
    UNKNOWN(-1);

    private final int code;

    MatchingAlgorithm(int code) {
        this.code = code;
    }

    @JsonValue
    public int code() {
        return code;
    }

    @JsonCreator
    public static MatchingAlgorithm of(Object value) {
        if (value == null) {
            return null;
        }
        String s = String.valueOf(value).trim();
        for (MatchingAlgorithm m : values()) {
            if (String.valueOf(m.code).equals(s) || m.name().equalsIgnoreCase(s)) {
                return m;
            }
        }
        return UNKNOWN;
    }
}
