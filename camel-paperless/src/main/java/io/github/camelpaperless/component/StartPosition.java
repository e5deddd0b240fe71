package io.github.camelpaperless.component;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The parsed {@code startFrom} option: {@code now}, {@code beginning}, an ISO date-time, or a document id.
 *
 * @param kind     which one
 * @param dateTime for {@link Kind#DATE_TIME}
 * @param id       for {@link Kind#ID}
 */
public record StartPosition(Kind kind, OffsetDateTime dateTime, Integer id) {

    public enum Kind {
        NOW,
        BEGINNING,
        DATE_TIME,
        ID
    }

    /**
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static StartPosition parse(String value) {
        String v = value == null ? "now" : value.trim();
        switch (v.toLowerCase(Locale.ROOT)) {
            case "":
            case "now":
                return new StartPosition(Kind.NOW, null, null);
            case "beginning":
                return new StartPosition(Kind.BEGINNING, null, null);
            default:
                break;
        }
        if (v.chars().allMatch(Character::isDigit)) {
            return new StartPosition(Kind.ID, null, Integer.valueOf(v));
        }
        try {
            return new StartPosition(Kind.DATE_TIME, OffsetDateTime.parse(v), null);
        } catch (DateTimeParseException e) {
            try {
                return new StartPosition(Kind.DATE_TIME, java.time.LocalDate.parse(v).atStartOfDay().atOffset(java.time.ZoneOffset.UTC), null);
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("Invalid startFrom '" + value + "': use now, beginning, an ISO date-time "
                                                   + "such as 2026-01-01T00:00:00Z, or a document id");
            }
        }
    }
}
