package io.github.camelpaperless.client;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class DownloadTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "attachment; filename=\"invoice.pdf\"|invoice.pdf",
            "inline; filename=plain.txt|plain.txt",
            "attachment; filename=\"Rechnung M_rz.pdf\"; filename*=utf-8''Rechnung%20M%C3%A4rz.pdf|Rechnung März.pdf",
            "attachment; filename*=UTF-8''%E2%82%AC%20rates.pdf|€ rates.pdf",
            "attachment; filename=\"quoted \\\"name\\\".pdf\"|quoted \"name\".pdf",
            "attachment|" })
    void parsesContentDispositionPerRfc6266(String header, String expected) {
        assertThat(Download.fileName(header)).isEqualTo(expected);
    }
}
