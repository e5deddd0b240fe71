package io.github.camelpaperless.component;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.camelpaperless.client.Checksums;
import io.github.camelpaperless.client.PaperlessDuplicateException;
import io.github.camelpaperless.client.PaperlessTaskFailedException;
import io.github.camelpaperless.client.PaperlessTaskTimeoutException;
import io.github.camelpaperless.client.model.Document;
import io.github.camelpaperless.client.model.Task;
import io.github.camelpaperless.support.Fixtures;
import io.github.camelpaperless.support.PaperlessTestSupport;
import io.github.camelpaperless.support.SharedFiles;
import io.github.camelpaperless.support.TaskFixtures;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/** documents upload: streamed multipart, metadata, names to ids, waiting for the task, duplicates. */
class UploadTest extends PaperlessTestSupport {

    static final String UUID = "7c9a2f4e-1b3d-4c5e-9f80-a1b2c3d4e5f6";

    @TempDir
    Path tmp;

    private void stubUpload() {
        wm.stubFor(post(urlPathEqualTo("/api/documents/post_document/")).willReturn(okJson("\"" + UUID + "\"")));
    }

    private Path samplePdf() throws Exception {
        Path sample = SharedFiles.sample("simple.pdf");
        if (sample != null) {
            return sample;
        }
        Path p = tmp.resolve("simple.pdf");
        Files.write(p, "%PDF-1.4\n% generated stand-in\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        return p;
    }

    private void stubNames() {
        wm.stubFor(get(urlPathEqualTo("/api/correspondents/")).withQueryParam("name__iexact", equalTo("ACME Corp"))
                .willReturn(okJson(Fixtures.page(1, null, null, Fixtures.json("correspondents")))));
        wm.stubFor(get(urlPathEqualTo("/api/document_types/")).withQueryParam("name__iexact", equalTo("invoice"))
                .willReturn(okJson(Fixtures.page(1, null, null, Fixtures.json("document_types")))));
        wm.stubFor(get(urlPathEqualTo("/api/tags/")).withQueryParam("name__iexact", equalTo("Inbox"))
                .willReturn(okJson(Fixtures.page(1, null, null, Fixtures.json("tags")))));
        wm.stubFor(get(urlPathEqualTo("/api/custom_fields/"))
                .willReturn(okJson(Fixtures.page(1, null, null, Fixtures.json("custom_fields")))));
    }

    @Test
    void uploadsAFileWithAllMetadataAsMultipartNamesResolvedToIds() throws Exception {
        stubUpload();
        stubNames();
        Path pdf = samplePdf();
        Map<String, Object> cf = new LinkedHashMap<>();
        cf.put("Status", "Paid");
        Exchange ex = template.request("paperless:documents?operation=upload", e -> {
            e.getMessage().setBody(pdf.toFile());
            e.getMessage().setHeader(PaperlessConstants.TITLE, "Invoice 2026-118 – März");
            e.getMessage().setHeader(PaperlessConstants.CREATED, LocalDate.of(2026, 10, 2));
            e.getMessage().setHeader(PaperlessConstants.CORRESPONDENT, "ACME Corp");
            e.getMessage().setHeader(PaperlessConstants.DOCUMENT_TYPE, "invoice");
            e.getMessage().setHeader(PaperlessConstants.STORAGE_PATH, 2);
            e.getMessage().setHeader(PaperlessConstants.TAGS, List.of("Inbox", 9));
            e.getMessage().setHeader(PaperlessConstants.ARCHIVE_SERIAL_NUMBER, 118L);
            e.getMessage().setHeader(PaperlessConstants.CUSTOM_FIELDS, cf);
        });
        assertThat(ex.getException()).isNull();
        assertThat(ex.getMessage().getBody()).isEqualTo(UUID);
        assertThat(ex.getMessage().getHeader(PaperlessConstants.TASK_ID)).isEqualTo(UUID);

        wm.verify(postRequestedFor(urlPathEqualTo("/api/documents/post_document/"))
                .withHeader("Content-Type", containing("multipart/form-data"))
                .withRequestBodyPart(aMultipart("document").withHeader("Content-Type", containing("application/pdf"))
                        .withHeader("Content-Disposition", containing("filename=\"simple.pdf\""))
                        .withBody(binaryEqualTo(Files.readAllBytes(pdf))).build())
                .withRequestBodyPart(aMultipart("title").withBody(equalTo("Invoice 2026-118 – März")).build())
                .withRequestBodyPart(aMultipart("created").withBody(equalTo("2026-10-02")).build())
                .withRequestBodyPart(aMultipart("correspondent").withBody(equalTo("7")).build())
                .withRequestBodyPart(aMultipart("document_type").withBody(equalTo("4")).build())
                .withRequestBodyPart(aMultipart("storage_path").withBody(equalTo("2")).build())
                .withRequestBodyPart(aMultipart("tags").withBody(equalTo("1")).build())
                .withRequestBodyPart(aMultipart("tags").withBody(equalTo("9")).build())
                .withRequestBodyPart(aMultipart("archive_serial_number").withBody(equalTo("118")).build())
                .withRequestBodyPart(aMultipart("custom_fields").withBody(equalToJson("{\"5\":\"Zx8Cv7Bn6Mq5Wr4T\"}")).build()));
        // names are cached: a second upload does not look them up again, and still sends the resolved id
        Exchange second = template.request("paperless:documents?operation=upload", e -> {
            e.getMessage().setBody("hello");
            e.getMessage().setHeader(PaperlessConstants.CORRESPONDENT, "acme corp");
        });
        assertThat(second.getException()).isNull();
        assertThat(second.getMessage().getBody()).isEqualTo(UUID);
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/correspondents/")));
        wm.verify(postRequestedFor(urlPathEqualTo("/api/documents/post_document/"))
                .withRequestBodyPart(aMultipart("document").withBody(equalTo("hello")).build())
                .withRequestBodyPart(aMultipart("correspondent").withBody(equalTo("7")).build()));
    }

    @Test
    void streamsInputStreamsBytesAndStringsWithTheCamelFileName() {
        stubUpload();
        template.request("paperless:documents?operation=upload", e -> {
            e.getMessage().setBody(new ByteArrayInputStream("stream content".getBytes(StandardCharsets.UTF_8)));
            e.getMessage().setHeader(Exchange.FILE_NAME, "inbox/acme/scan.txt");
        });
        template.request("paperless:documents?operation=upload&fileName=raw.bin", e -> e.getMessage().setBody(new byte[] { 1, 2, 3 }));
        template.request("paperless:documents?operation=upload", e -> {
            e.getMessage().setBody("plain text");
            e.getMessage().setHeader(PaperlessConstants.FILE_NAME, "note.txt");
            e.getMessage().setHeader(PaperlessConstants.CONTENT_TYPE, "text/plain");
        });
        wm.verify(postRequestedFor(urlPathEqualTo("/api/documents/post_document/"))
                .withRequestBodyPart(aMultipart("document").withHeader("Content-Disposition", containing("filename=\"scan.txt\""))
                        .withHeader("Content-Type", containing("text/plain")).withBody(equalTo("stream content")).build()));
        wm.verify(postRequestedFor(urlPathEqualTo("/api/documents/post_document/"))
                .withRequestBodyPart(aMultipart("document").withHeader("Content-Disposition", containing("filename=\"raw.bin\""))
                        .withBody(binaryEqualTo(new byte[] { 1, 2, 3 })).build()));
        wm.verify(postRequestedFor(urlPathEqualTo("/api/documents/post_document/"))
                .withRequestBodyPart(aMultipart("document").withHeader("Content-Disposition", containing("filename=\"note.txt\""))
                        .withBody(equalTo("plain text")).build()));
    }

    @Test
    void customFieldsGivenAsAListAreAttachedWithoutValues() {
        stubUpload();
        wm.stubFor(get(urlPathEqualTo("/api/custom_fields/")).willReturn(okJson(Fixtures.page(1, null, null, Fixtures.json("custom_fields")))));
        template.request("paperless:documents?operation=upload", e -> {
            e.getMessage().setBody("x");
            e.getMessage().setHeader(PaperlessConstants.CUSTOM_FIELDS, List.of("Status"));
        });
        wm.verify(postRequestedFor(urlPathEqualTo("/api/documents/post_document/"))
                .withRequestBodyPart(aMultipart("custom_fields").withBody(equalToJson("{\"5\":null}")).build()));
    }

    @Test
    void fileNamesWithSpacesAndUmlautsArriveAsTheyAre() {
        stubUpload();
        template.request("paperless:documents?operation=upload", e -> {
            e.getMessage().setBody("x");
            e.getMessage().setHeader(PaperlessConstants.FILE_NAME, "Rechnung März 2026.pdf");
        });
        wm.verify(postRequestedFor(urlPathEqualTo("/api/documents/post_document/"))
                .withRequestBodyPart(aMultipart("document")
                        .withHeader("Content-Disposition", containing("filename=\"Rechnung März 2026.pdf\"")).build()));
    }

    @Test
    void uploadsGenericFilesFromAFileConsumer() throws Exception {
        stubUpload();
        Path in = Files.createDirectories(tmp.resolve("in"));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + in + "?initialDelay=0&delay=50&noop=true").to("paperless:documents?operation=upload").to("mock:up");
            }
        });
        MockEndpoint up = getMockEndpoint("mock:up");
        up.expectedMessageCount(1);
        Files.writeString(in.resolve("from-consumer.txt"), "file consumer content");
        up.assertIsSatisfied();
        assertThat(up.getExchanges().get(0).getMessage().getHeader(PaperlessConstants.TASK_ID)).isEqualTo(UUID);
        wm.verify(postRequestedFor(urlPathEqualTo("/api/documents/post_document/"))
                .withRequestBodyPart(aMultipart("document")
                        .withHeader("Content-Disposition", containing("filename=\"from-consumer.txt\""))
                        .withBody(equalTo("file consumer content")).build()));
    }

    @Test
    void badUploadBodiesFailBeforeAnyRequest() {
        assertThat(template.request("paperless:documents?operation=upload", e -> e.getMessage().setBody(new byte[0]))
                .getException()).hasMessageContaining("empty");
        assertThat(template.request("paperless:documents?operation=upload", e -> e.getMessage().setBody(42.5))
                .getException()).hasMessageContaining("Cannot upload a body of type java.lang.Double");
        assertThat(template.request("paperless:documents?operation=upload", e -> e.getMessage().setBody(null))
                .getException()).hasMessageContaining("needs the document as the body");
        wm.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void unknownNamesFailUnlessCreateMissing() {
        stubUpload();
        wm.stubFor(get(urlPathEqualTo("/api/tags/")).willReturn(okJson(Fixtures.page(0, null, null))));
        Exchange ex = template.request("paperless:documents?operation=upload", e -> {
            e.getMessage().setBody("x");
            e.getMessage().setHeader(PaperlessConstants.TAGS, "Tax 2026");
        });
        assertThat(ex.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown tag 'Tax 2026'").hasMessageContaining("createMissing=true");
        wm.verify(0, postRequestedFor(urlPathEqualTo("/api/documents/post_document/")));

        wm.stubFor(post(urlPathEqualTo("/api/tags/")).willReturn(jsonResponse(
                Fixtures.json("tags").replace("\"id\": 1,", "\"id\": 33,").replace("\"Inbox\"", "\"Tax 2026\""), 201)));
        template.request("paperless:documents?operation=upload&createMissing=true", e -> {
            e.getMessage().setBody("x");
            e.getMessage().setHeader(PaperlessConstants.TAGS, "Tax 2026");
        });
        wm.verify(postRequestedFor(urlPathEqualTo("/api/tags/")).withRequestBody(equalToJson("{\"name\":\"Tax 2026\"}")));
        wm.verify(postRequestedFor(urlPathEqualTo("/api/documents/post_document/"))
                .withRequestBodyPart(aMultipart("tags").withBody(equalTo("33")).build()));
    }

    @Test
    void malformedCustomFieldValueFailsBeforeUpload() {
        stubUpload();
        wm.stubFor(get(urlPathEqualTo("/api/custom_fields/")).willReturn(okJson(Fixtures.page(1, null, null,
                "{\"id\":6,\"name\":\"Amount\",\"data_type\":\"monetary\",\"extra_data\":{\"default_currency\":\"EUR\"},\"document_count\":0}"))));
        Exchange ex = template.request("paperless:documents?operation=upload", e -> {
            e.getMessage().setBody("x");
            e.getMessage().setHeader(PaperlessConstants.CUSTOM_FIELDS, Map.of("Amount", "EUR12"));
        });
        assertThat(ex.getException()).hasMessageContaining("Malformed value 'EUR12' for custom field 'Amount' (monetary)")
                .hasMessageContaining("EUR12.00");
        wm.verify(0, postRequestedFor(urlPathEqualTo("/api/documents/post_document/")));
    }

    @Test
    void waitForCompletionReturnsTheCreatedDocument() {
        stubUpload();
        wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_id", equalTo(UUID)).inScenario("t")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(TaskFixtures.page(TaskFixtures.v10(17, UUID, "pending", null, null)))).willSetStateTo("started"));
        wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_id", equalTo(UUID)).inScenario("t")
                .whenScenarioStateIs("started")
                .willReturn(okJson(TaskFixtures.page(TaskFixtures.v10(17, UUID, "started", null, null)))).willSetStateTo("done"));
        wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_id", equalTo(UUID)).inScenario("t")
                .whenScenarioStateIs("done")
                .willReturn(okJson(TaskFixtures.page(TaskFixtures.v10(17, UUID, "success", "{\"document_id\":42}", "[42]")))));
        wm.stubFor(get(urlPathEqualTo("/api/documents/42/")).willReturn(okJson(Fixtures.json("documents"))));
        Exchange ex = template.request("paperless:documents?operation=upload&waitForCompletion=true&pollInterval=10",
                e -> e.getMessage().setBody("content"));
        assertThat(ex.getException()).isNull();
        assertThat(ex.getMessage().getBody(Document.class).id()).isEqualTo(42);
        assertThat(ex.getMessage().getHeader(PaperlessConstants.ID)).isEqualTo(42);
        assertThat(ex.getMessage().getHeader(PaperlessConstants.TASK_STATUS)).isEqualTo("success");
        wm.verify(3, getRequestedFor(urlPathEqualTo("/api/tasks/")));
    }

    @Test
    void aRejectedDuplicateRaisesWithTheTaskAndRelatedIds() {
        stubUpload();
        wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_id", equalTo(UUID))
                .willReturn(okJson(TaskFixtures.page(TaskFixtures.v10(18, UUID, "failure",
                        "{\"duplicate_of\":42,\"duplicate_in_trash\":false}", "[42]")))));
        Exchange ex = template.request("paperless:documents?operation=upload&waitForCompletion=true&pollInterval=10",
                e -> e.getMessage().setBody("content"));
        assertThat(ex.getException()).isInstanceOf(PaperlessTaskFailedException.class)
                .hasMessageContaining(UUID).hasMessageContaining("duplicate of document #42");
        PaperlessTaskFailedException f = (PaperlessTaskFailedException) ex.getException();
        assertThat(f.getDuplicateOf()).isEqualTo(42);
        assertThat(f.getRelatedDocumentIds()).containsExactly(42);
        assertThat(f.getTask().fileName()).isEqualTo("invoice.pdf");
    }

    @Test
    void anAsnCollisionOnApi9RaisesWithTheServersMessage() {
        stubUpload();
        wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_id", equalTo(UUID))
                .willReturn(okJson("[" + TaskFixtures.v9(19, UUID, "FAILURE",
                        "invoice.pdf: Not consuming invoice.pdf: Given ASN 118 already exists!", null) + "]")));
        Exchange ex = template.request("paperless:documents?operation=upload&apiVersion=9&waitForCompletion=true&pollInterval=10",
                e -> e.getMessage().setBody("content"));
        assertThat(ex.getException()).isInstanceOf(PaperlessTaskFailedException.class)
                .hasMessageContaining("Given ASN 118 already exists!");
        wm.verify(getRequestedFor(urlPathEqualTo("/api/tasks/")).withHeader("Accept", equalTo("application/json; version=9")));
    }

    @Test
    void aTimeoutRaisesWithTheTaskIdSoNothingIsLost() {
        stubUpload();
        wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_id", equalTo(UUID))
                .willReturn(okJson(TaskFixtures.page(TaskFixtures.v10(20, UUID, "started", null, null)))));
        Exchange ex = template.request(
                "paperless:documents?operation=upload&waitForCompletion=true&pollInterval=20&waitTimeout=150",
                e -> e.getMessage().setBody("content"));
        assertThat(ex.getException()).isInstanceOf(PaperlessTaskTimeoutException.class).hasMessageContaining(UUID)
                .hasMessageContaining("is still running (started 4 s ago) after waiting 150 ms")
                .hasMessageContaining("the next upload of the same file waits for this task");
        assertThat(((PaperlessTaskTimeoutException) ex.getException()).getTaskId()).isEqualTo(UUID);
        assertThat(ex.getMessage().getHeader(PaperlessConstants.TASK_ID)).isEqualTo(UUID);
    }

    @Test
    void explicitUploadThenPollIsTheSameAsWaiting() {
        stubUpload();
        wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_id", equalTo(UUID))
                .willReturn(okJson(TaskFixtures.page(TaskFixtures.v10(21, UUID, "success", "{\"document_id\":42}", "[42]")))));
        Exchange ex = template.request("direct:uploadThenPoll", e -> e.getMessage().setBody("content"));
        Task t = ex.getMessage().getBody(Task.class);
        assertThat(t.documentId()).isEqualTo(42);
        assertThat(ex.getMessage().getHeader(PaperlessConstants.ID)).isEqualTo(42);
    }

    @Test
    void duplicatesSkipAndFailCheckTheChecksumBeforeUploading() throws Exception {
        byte[] content = "already archived".getBytes(StandardCharsets.UTF_8);
        String sha = Checksums.of(content).sha256();
        wm.stubFor(get(urlPathEqualTo("/api/ui_settings/")).willReturn(okJson(Fixtures.json("ui_settings")).withHeader("X-Version", "3.0.5")));
        wm.stubFor(get(urlPathEqualTo("/api/documents/")).withQueryParam("checksum__iexact", equalTo(sha))
                .willReturn(okJson(Fixtures.page(1, null, null, Fixtures.json("documents")))));
        wm.stubFor(get(urlPathEqualTo("/api/documents/42/")).willReturn(okJson(Fixtures.json("documents"))));
        Exchange skipped = template.request("paperless:documents?operation=upload&duplicates=skip",
                e -> e.getMessage().setBody(new ByteArrayInputStream(content)));
        assertThat(skipped.getException()).isNull();
        assertThat(skipped.getMessage().getHeader(PaperlessConstants.DUPLICATE_OF)).isEqualTo(42);
        assertThat(skipped.getMessage().getBody(Document.class).id()).isEqualTo(42);

        Exchange failed = template.request("paperless:documents?operation=upload&duplicates=fail",
                e -> e.getMessage().setBody(content));
        assertThat(failed.getException()).isInstanceOf(PaperlessDuplicateException.class)
                .hasMessageContaining("duplicate of document #42");
        wm.verify(0, postRequestedFor(urlPathEqualTo("/api/documents/post_document/")));

        // a new document is uploaded after the lookup found nothing
        stubUpload();
        File fresh = tmp.resolve("fresh.txt").toFile();
        Files.writeString(fresh.toPath(), "brand new");
        wm.stubFor(get(urlPathEqualTo("/api/documents/")).withQueryParam("checksum__iexact", equalTo(Checksums.of("brand new".getBytes()).sha256()))
                .willReturn(okJson(Fixtures.page(0, null, null))));
        assertThat(template.requestBody("paperless:documents?operation=upload&duplicates=skip", fresh)).isEqualTo(UUID);
    }

    @Test
    void api9ServersBefore3UseMd5Checksums() {
        byte[] content = "old server".getBytes(StandardCharsets.UTF_8);
        wm.stubFor(get(urlPathEqualTo("/api/ui_settings/")).willReturn(okJson(Fixtures.json("ui_settings")).withHeader("X-Version", "2.17.1")));
        wm.stubFor(get(urlPathEqualTo("/api/documents/")).willReturn(okJson(Fixtures.page(0, null, null))));
        stubUpload();
        template.requestBody("paperless:documents?operation=upload&duplicates=fail&apiVersion=9", content);
        wm.verify(getRequestedFor(urlPathEqualTo("/api/documents/"))
                .withQueryParam("checksum__iexact", equalTo(Checksums.of(content).md5())));
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:uploadThenPoll").to("paperless:documents?operation=upload")
                        .to("paperless:tasks?operation=poll&pollInterval=10");
            }
        };
    }
}
