package io.github.camelpaperless.client.model;

import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

/**
 * Reads a document's {@code created} as a date. API 9+ sends {@code YYYY-MM-DD}; older servers sent a date-time, whose
 * date part (in its own offset) is taken.
 */
public final class LenientDateDeserializer extends StdDeserializer<LocalDate> {

    private static final long serialVersionUID = 1L;

    public LenientDateDeserializer() {
        super(LocalDate.class);
    }

    @Override
    public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String s = p.getValueAsString();
        if (s == null || s.isBlank()) {
            return null;
        }
        s = s.trim();
        LocalDate fast = IsoDateTimes.parseLocalDate(s);
        if (fast != null) {
            return fast;
        }
        OffsetDateTime fastDateTime = IsoDateTimes.parseOffsetDateTime(s);
        if (fastDateTime != null) {
            return fastDateTime.toLocalDate();
        }
        try {
            if (s.length() > 10 && s.charAt(10) == 'T' || s.contains(":")) {
                return OffsetDateTime.parse(s.replace(' ', 'T')).toLocalDate();
            }
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            if (s.length() >= 10) {
                try {
                    return LocalDate.parse(s.substring(0, 10));
                } catch (DateTimeParseException ignore) {
                    // fall through
                }
            }
            return (LocalDate) ctxt.handleWeirdStringValue(LocalDate.class, s, "not a date: %s", e.getMessage());
        }
    }
}
