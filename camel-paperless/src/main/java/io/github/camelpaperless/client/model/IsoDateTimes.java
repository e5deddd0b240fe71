package io.github.camelpaperless.client.model;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

/**
 * The date-times Paperless-ngx sends ({@code 2025-01-05T14:33:12.345678+01:00}, {@code ...Z}, {@code 2025-01-05}) read
 * by hand: a page of 1,000 documents carries 2,000–3,000 of them, and {@code DateTimeFormatter} spent about a third of
 * the time of reading a page on them. Anything of another shape goes to the JDK's parser (through Jackson's own
 * deserializer), so results and errors are the same as before.
 */
public final class IsoDateTimes {

    private IsoDateTimes() {
    }

    /**
     * {@code yyyy-MM-dd(T| )HH:mm[:ss[.fraction]](Z|±HH:MM|±HHMM|±HH)}, or {@code null} when {@code s} has another
     * shape (the caller then uses the JDK's parser; invalid values such as month 13 also return {@code null}).
     */
    public static OffsetDateTime parseOffsetDateTime(String s) {
        int n = s.length();
        if (n < 17 || (s.charAt(10) != 'T' && s.charAt(10) != ' ') || s.charAt(13) != ':') {
            return null;
        }
        LocalDate day = date(s);
        if (day == null) {
            return null;
        }
        int hour = two(s, 11);
        int minute = two(s, 14);
        if (hour < 0 || minute < 0) {
            return null;
        }
        int i = 16;
        int second = 0;
        int nano = 0;
        if (i < n && s.charAt(i) == ':') {
            if (i + 3 > n || (second = two(s, i + 1)) < 0) {
                return null;
            }
            i += 3;
            if (i < n && s.charAt(i) == '.') {
                int digits = 0;
                i++;
                while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    if (digits == 9) {
                        return null;
                    }
                    nano = nano * 10 + (s.charAt(i) - '0');
                    digits++;
                    i++;
                }
                if (digits == 0) {
                    return null;
                }
                for (int d = digits; d < 9; d++) {
                    nano *= 10;
                }
            }
        }
        ZoneOffset offset = offset(s, i);
        if (offset == null) {
            return null;
        }
        try {
            return OffsetDateTime.of(day, LocalTime.of(hour, minute, second, nano), offset);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** {@code yyyy-MM-dd} exactly, or {@code null} (another shape, or not a valid date). */
    public static LocalDate parseLocalDate(String s) {
        return s.length() == 10 ? date(s) : null;
    }

    /** The {@code yyyy-MM-dd} at the start of {@code s} (at least 10 characters), each field read once; or {@code null}. */
    private static LocalDate date(String s) {
        if (s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        int year = year(s);
        int month = two(s, 5);
        int day = two(s, 8);
        if (year < 0 || month < 0 || day < 0) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int year(String s) {
        int y = 0;
        for (int i = 0; i < 4; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            y = y * 10 + (c - '0');
        }
        return y;
    }

    private static int two(String s, int at) {
        char a = s.charAt(at);
        char b = s.charAt(at + 1);
        if (a < '0' || a > '9' || b < '0' || b > '9') {
            return -1;
        }
        return (a - '0') * 10 + (b - '0');
    }

    private static ZoneOffset offset(String s, int i) {
        int n = s.length();
        if (i == n - 1 && s.charAt(i) == 'Z') {
            return ZoneOffset.UTC;
        }
        if (i >= n || (s.charAt(i) != '+' && s.charAt(i) != '-')) {
            return null;
        }
        int sign = s.charAt(i) == '-' ? -1 : 1;
        int rest = n - i - 1;
        if (rest != 2 && rest != 4 && !(rest == 5 && s.charAt(i + 3) == ':')) {
            return null;
        }
        int h = two(s, i + 1);
        int m = rest == 2 ? 0 : two(s, rest == 5 ? i + 4 : i + 3);
        if (h < 0 || m < 0) {
            return null;
        }
        try {
            return ZoneOffset.ofHoursMinutes(sign * h, sign * m);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Jackson's {@link OffsetDateTime} deserializer with the fast path in front (registered by the client's mapper). */
    public static final class OffsetDateTimeDeserializer extends StdDeserializer<OffsetDateTime> {
        private static final long serialVersionUID = 1L;

        public OffsetDateTimeDeserializer() {
            super(OffsetDateTime.class);
        }

        @Override
        public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING
                    && !ctxt.isEnabled(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)) {
                OffsetDateTime fast = parseOffsetDateTime(p.getText());
                if (fast != null) {
                    return fast;
                }
            }
            return InstantDeserializer.OFFSET_DATE_TIME.deserialize(p, ctxt);
        }
    }
}
