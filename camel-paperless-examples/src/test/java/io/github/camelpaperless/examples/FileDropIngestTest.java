package io.github.camelpaperless.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.RoutesBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FileDropIngestTest extends ExampleTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new FileDropIngestRoute();
    }

    @Override
    protected Properties properties() {
        Properties p = new Properties();
        p.put("ingest.waitTimeout", "400");
        return p;
    }

    private Path inbox() {
        return tmp().resolve("inbox");
    }

    @Test
    void uploadsWithMetadataFromTheFolderLayoutAndMovesToDone() throws Exception {
        Path file = inbox().resolve("ACME Corp/Invoices/invoice-118.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "ACME Corp invoice 118");
        Path done = inbox().resolve(".done/ACME Corp/Invoices/invoice-118.txt");
        await(Duration.ofSeconds(15), () -> Files.exists(done), "the file in .done");
        assertThat(file).doesNotExist();
        assertThat(paperless.documents()).hasSize(1);
        ObjectNode doc = paperless.documents().get(0);
        assertThat(doc.path("title").asText()).isEqualTo("invoice-118");
        assertThat(doc.path("correspondent").isNull()).isFalse();
        assertThat(doc.path("tags").size()).isEqualTo(1);
        assertThat(new String(paperless.file(doc.path("id").asInt()))).isEqualTo("ACME Corp invoice 118");
    }

    @Test
    void aServerOutageKeepsTheFileAndItIsUploadedOnceAfterwards() throws Exception {
        paperless.failNextUploads(3, 503);
        Path file = inbox().resolve("scan.pdf");
        Files.createDirectories(inbox());
        Files.writeString(file, "%PDF-1.4 scan");
        await(Duration.ofSeconds(15), () -> Files.exists(inbox().resolve(".done/scan.pdf")), "the file in .done after the outage");
        assertThat(paperless.acceptedUploads()).isEqualTo(1);
        assertThat(paperless.documents()).hasSize(1);
        assertThat(inbox().resolve(".failed")).doesNotExist();
    }

    @Test
    void aRejectedFileGoesToFailedWithTheReasonBesideIt() throws Exception {
        Files.createDirectories(inbox());
        Files.writeString(inbox().resolve("broken-scan.pdf"), "%PDF-1.4 damaged");
        Path reason = inbox().resolve(".failed/broken-scan.pdf.reason.txt");
        await(Duration.ofSeconds(15), () -> Files.exists(reason) && Files.exists(inbox().resolve(".failed/broken-scan.pdf")),
                "the file and its reason in .failed");
        assertThat(Files.readString(reason)).contains("the file is damaged");
        assertThat(paperless.documents()).isEmpty();
    }

    @Test
    void aCrashOrTimeoutWhileConsumingDoesNotUploadTwice() throws Exception {
        // consumption takes longer than the route waits: the first attempt fails after the upload was accepted
        paperless.setConsumeDelayMillis(1500);
        Files.createDirectories(inbox());
        Files.writeString(inbox().resolve("slow.pdf"), "%PDF-1.4 slow to consume");
        await(Duration.ofSeconds(20), () -> Files.exists(inbox().resolve(".done/slow.pdf")), "the file in .done");
        assertThat(paperless.acceptedUploads()).isEqualTo(1);
        assertThat(paperless.documents()).hasSize(1);
    }

    @Test
    void contentPaperlessAlreadyHasIsNotUploadedAgain() throws Exception {
        paperless.addDocument("old", "same bytes".getBytes(), "old.txt", null, java.util.List.of(),
                java.time.OffsetDateTime.now());
        Files.createDirectories(inbox());
        Files.writeString(inbox().resolve("again.txt"), "same bytes");
        await(Duration.ofSeconds(15), () -> Files.exists(inbox().resolve(".done/again.txt")), "the file in .done");
        assertThat(paperless.acceptedUploads()).isZero();
        assertThat(paperless.documents()).hasSize(1);
    }
}
