package io.github.camelpaperless.component;

import java.nio.file.Files;
import java.nio.file.Path;

import io.github.camelpaperless.support.PaperlessTestSupport;
import io.github.camelpaperless.support.SharedFiles;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Real sample documents (../shared/samples) go up byte for byte with the right part type, and come back the same. */
class SampleDocumentsTest extends PaperlessTestSupport {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "simple.txt, text/plain",
            "content.txt, text/plain",
            "simple.pdf, application/pdf",
            "archive.pdf, application/pdf",
            "simple.png, image/png",
            "simple.jpg, image/jpeg",
            "thumbnail.webp, image/webp",
            "eml_with_umlaut.eml, message/rfc822",
            "double-sided-odd.pdf, application/pdf",
            "password-is-test.pdf, application/pdf",
            "invalid_pdf.pdf, application/pdf" })
    void uploadsAndDownloadsSamplesByteForByte(String name, String contentType) throws Exception {
        Path sample = SharedFiles.sample(name);
        assumeTrue(sample != null, SharedFiles.ABSENT_MESSAGE);
        byte[] bytes = Files.readAllBytes(sample);
        wm.stubFor(post(urlPathEqualTo("/api/documents/post_document/")).willReturn(okJson("\"d0d0d0d0-1111-4222-8333-444444444444\"")));
        wm.stubFor(get(urlPathEqualTo("/api/documents/7/download/")).willReturn(aResponse()
                .withHeader("Content-Type", contentType)
                .withHeader("Content-Disposition", "attachment; filename=\"" + name + "\"").withBody(bytes)));
        template.requestBody("paperless:documents?operation=upload", sample.toFile());
        wm.verify(postRequestedFor(urlPathEqualTo("/api/documents/post_document/"))
                .withRequestBodyPart(aMultipart("document").withHeader("Content-Type", containing(contentType))
                        .withHeader("Content-Disposition", containing("filename=\"" + name + "\""))
                        .withBody(binaryEqualTo(bytes)).build()));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:get-" + name).to("paperless:documents?operation=download")
                        .process(e -> e.getMessage().setBody(e.getMessage().getBody(java.io.InputStream.class).readAllBytes()));
            }
        });
        Exchange ex = template.request("direct:get-" + name, e -> e.getMessage().setHeader(PaperlessConstants.ID, 7));
        assertThat((byte[]) ex.getMessage().getBody()).isEqualTo(bytes);
        assertThat(ex.getMessage().getHeader(PaperlessConstants.FILE_NAME)).isEqualTo(name);
    }
}
