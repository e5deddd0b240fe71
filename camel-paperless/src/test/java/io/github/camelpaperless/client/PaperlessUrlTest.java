package io.github.camelpaperless.client;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaperlessUrlTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "paperless.example.com, https://paperless.example.com/api/",
            "paperless.example.com:8000, https://paperless.example.com:8000/api/",
            "http://paperless.local:8000, http://paperless.local:8000/api/",
            "HTTP://Paperless.Local:8000/, http://paperless.local:8000/api/",
            "HttpS://host/paperless, https://host/paperless/api/",
            "https://host/paperless/api, https://host/paperless/api/",
            "https://host/paperless/api///, https://host/paperless/api/",
            "https://host/api/, https://host/api/",
            "  https://host//  , https://host/api/",
            "192.168.1.10:8000, https://192.168.1.10:8000/api/" })
    void normalisesBaseUrls(String input, String apiRoot) {
        assertThat(PaperlessUrl.parse(input).apiRoot()).isEqualTo(apiRoot);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   ", "ftp://host", "https://", "https://host?x=1", "https://user:pw@host" })
    void rejectsInvalidBaseUrlsNamingTheFix(String input) {
        assertThatThrownBy(() -> PaperlessUrl.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baseUrl")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pw@"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "tags, https://h/p/api/tags/",
            "tags/5, https://h/p/api/tags/5/",
            "/api/documents/1/download, https://h/p/api/documents/1/download/",
            "documents/?page=2, https://h/p/api/documents/?page=2",
            "logs/paperless?limit=5, https://h/p/api/logs/paperless/?limit=5" })
    void everyPathEndsWithASlash(String path, String url) {
        assertThat(PaperlessUrl.parse("https://h/p").api(path)).isEqualTo(url);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "http://internal:8000/api/documents/?page=2&page_size=100, https://public.example.com/paperless/api/documents/?page=2&page_size=100",
            "http://10.0.0.5/paperless/api/tags/?page=3, https://public.example.com/paperless/api/tags/?page=3",
            "/api/tags/?page=2, https://public.example.com/paperless/api/tags/?page=2" })
    void rewritesNextLinksToTheConfiguredBase(String link, String expected) {
        assertThat(PaperlessUrl.parse("https://public.example.com/paperless").rewrite(link)).isEqualTo(expected);
    }
}
