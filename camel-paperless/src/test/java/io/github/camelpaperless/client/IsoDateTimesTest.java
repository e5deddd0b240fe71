package io.github.camelpaperless.client;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import io.github.camelpaperless.client.model.Document;
import io.github.camelpaperless.client.model.IsoDateTimes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-read date-times give exactly what the JDK's ISO parser gives, and leave every other shape to it. */
class IsoDateTimesTest {

    static final List<String> PAPERLESS_SHAPES = List.of(
            "2025-01-05T14:33:12.345678+01:00", "2025-01-05T14:33:12+01:00", "2025-01-05T14:33:12Z",
            "2025-01-05T14:33:12.3Z", "2025-01-05T14:33:12.123456789-05:30", "2025-01-05T14:33+02:00",
            "1999-12-31T23:59:59.999999+14:00", "2024-02-29T00:00:00-12:00", "2025-06-30T08:00:00.000000+00:00");

    @Test
    void theShapesPaperlessSendsAreReadAsTheJdkReadsThem() {
        for (String s : PAPERLESS_SHAPES) {
            OffsetDateTime fast = IsoDateTimes.parseOffsetDateTime(s);
            assertThat(fast).as(s).isEqualTo(OffsetDateTime.parse(s));
            assertThat(fast.getOffset()).as(s).isSameAs(OffsetDateTime.parse(s).getOffset());
        }
        assertThat(IsoDateTimes.parseOffsetDateTime("2025-01-05 14:33:12.5+0100"))
                .isEqualTo(OffsetDateTime.of(2025, 1, 5, 14, 33, 12, 500_000_000, ZoneOffset.ofHours(1)));
        assertThat(IsoDateTimes.parseOffsetDateTime("2025-01-05T14:33:12-03")).isEqualTo(OffsetDateTime.parse("2025-01-05T14:33:12-03:00"));
        assertThat(IsoDateTimes.parseLocalDate("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
    }

    @Test
    void otherShapesAndInvalidValuesAreLeftToTheJdk() {
        for (String s : List.of("2025-13-01T00:00:00Z", "2025-02-30T00:00:00Z", "2025-01-05T24:00:00Z",
                "2025-01-05T14:33:12.1234567890Z", "2025-01-05T14:33:12", "2025-01-05T14:33:12.Z",
                "2025-01-05T14:33:12+1:00", "2025-01-05T14:33:12+19:00", "+12025-01-05T14:33:12Z", "2025-1-05T14:33:12Z",
                "2025-01-05T14:33:12Zx", "2025-01-05T14:33:12[Europe/Paris]", "2025-01-05")) {
            assertThat(IsoDateTimes.parseOffsetDateTime(s)).as(s).isNull();
        }
        for (String s : List.of("2025-02-30", "2025-1-5", "20250105", "2025-01-05T00:00:00Z", "abcd-ef-gh")) {
            assertThat(IsoDateTimes.parseLocalDate(s)).as(s).isNull();
        }
    }

    @Test
    void theClientMapperReadsDocumentsWithTheFastPathAndFallsBackForTheRest() throws Exception {
        ObjectMapper m = PaperlessJson.mapper();
        Document d = m.readValue("{\"id\":1,\"created\":\"2025-01-05\",\"added\":\"2025-01-05T14:33:12.345678+01:00\","
                                 + "\"modified\":\"2025-01-05T14:33:12Z\"}", Document.class);
        assertThat(d.created()).isEqualTo(LocalDate.of(2025, 1, 5));
        assertThat(d.added()).isEqualTo(OffsetDateTime.parse("2025-01-05T14:33:12.345678+01:00"));
        assertThat(d.modified().getOffset()).isEqualTo(ZoneOffset.UTC);
        // an old server's date-time for created: its date in its own offset
        assertThat(m.readValue("{\"created\":\"2025-01-05T23:30:00-05:00\"}", Document.class).created())
                .isEqualTo(LocalDate.of(2025, 1, 5));
        // shapes the fast path does not take are still read by Jackson's own deserializer
        assertThat(m.readValue("{\"added\":\"  \"}", Document.class).added()).isNull();
        assertThat(m.readValue("{\"added\":0}", Document.class).added().toInstant().toEpochMilli()).isZero();
        // and invalid values fail as before, naming the value
        assertThatThrownBy(() -> m.readValue("{\"added\":\"2025-13-01T00:00:00Z\"}", Document.class))
                .isInstanceOf(InvalidFormatException.class).hasMessageContaining("2025-13-01T00:00:00Z")
                .hasMessageContaining("Invalid value for MonthOfYear");
        // a mapper made to adjust to the context's zone is honoured (the fast path steps aside)
        ObjectMapper adjusting = PaperlessJson.create().enable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
        assertThat(adjusting.readValue("{\"added\":\"2025-01-05T14:33:12+01:00\"}", Document.class).added().getOffset())
                .isEqualTo(ZoneOffset.UTC);
    }
}
