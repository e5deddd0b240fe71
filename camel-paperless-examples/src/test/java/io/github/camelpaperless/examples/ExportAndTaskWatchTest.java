package io.github.camelpaperless.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Properties;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The export route (documents consumer) and the YAML task watch route (tasks consumer). */
class ExportAndTaskWatchTest extends ExampleTestSupport {

    @Override
    protected Properties properties() {
        Properties p = new Properties();
        p.put("taskwatch.notify", "mock:notify");
        p.put("taskwatch.delay", "100");
        p.put("taskwatch.startFrom", "beginning");
        p.put("ingest.waitTimeout", "5000");
        return p;
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[] { new ExportRoute(), new FileDropIngestRoute() };
    }

    @Test
    void exportsNewDocumentsByCorrespondentAndYear() throws Exception {
        int acme = paperless.addObject("correspondents", "ACME Corp");
        paperless.addDocument("Invoice 1", "first".getBytes(), "invoice-1.pdf", acme, List.of(),
                OffsetDateTime.parse("2025-03-01T10:00:00Z"));
        paperless.addDocument("Note", "second".getBytes(), "note.txt", null, List.of(), OffsetDateTime.parse("2026-01-02T10:00:00Z"));
        Path export = tmp().resolve("export");
        Path first = export.resolve("ACME Corp/2025/invoice-1.pdf");
        Path second = export.resolve("no-correspondent/2026/note.txt");
        await(Duration.ofSeconds(15), () -> Files.exists(first) && Files.exists(second), "both exported files");
        assertThat(Files.readString(first)).isEqualTo("first");
        assertThat(Files.readString(second)).isEqualTo("second");
    }

    @Test
    void aFailedDownloadIsExportedOnceOnALaterPoll() throws Exception {
        paperless.failNextDownloads(2);
        paperless.addDocument("Letter", "letter".getBytes(), "letter.txt", null, List.of(), OffsetDateTime.parse("2026-02-03T10:00:00Z"));
        Path file = tmp().resolve("export/no-correspondent/2026/letter.txt");
        await(Duration.ofSeconds(15), () -> Files.exists(file), "the export after the failed downloads");
        Thread.sleep(400);
        try (var files = Files.walk(tmp().resolve("export"))) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(1);
        }
        assertThat(Files.readString(file)).isEqualTo("letter");
    }

    @Test
    void aFailedNotificationIsRetriedAndTheTaskAcknowledgedOnlyThen() throws Exception {
        context.getRouteController().stopRoute("export");
        PluginHelper.getRoutesLoader(context).loadRoutes(
                ResourceHelper.resolveMandatoryResource(context, "classpath:routes/task-watch.camel.yaml"));
        MockEndpoint notify = getMockEndpoint("mock:notify");
        notify.whenExchangeReceived(1, e -> {
            throw new IllegalStateException("mail server down");
        });
        notify.expectedMessageCount(2);
        Path inbox = tmp().resolve("inbox");
        Files.createDirectories(inbox);
        Files.writeString(inbox.resolve("broken.pdf"), "damaged");
        notify.assertIsSatisfied(15_000);
        await(Duration.ofSeconds(5), () -> paperless.tasks().stream().anyMatch(t -> t.path("acknowledged").asBoolean()),
                "the task acknowledged after the successful notification");
        Thread.sleep(400);
        assertThat(notify.getReceivedCounter()).isEqualTo(2);
    }

    @Test
    void taskWatchNotifiesEachFailedConsumptionOnceAndAcknowledgesIt() throws Exception {
        context.getRouteController().stopRoute("export");
        PluginHelper.getRoutesLoader(context).loadRoutes(
                ResourceHelper.resolveMandatoryResource(context, "classpath:routes/task-watch.camel.yaml"));
        MockEndpoint notify = getMockEndpoint("mock:notify");
        notify.expectedMessageCount(1);
        Path inbox = tmp().resolve("inbox");
        Files.createDirectories(inbox);
        Files.writeString(inbox.resolve("ok.txt"), "fine");
        Files.writeString(inbox.resolve("broken.pdf"), "damaged");
        await(Duration.ofSeconds(20), () -> Files.exists(inbox.resolve(".failed/broken.pdf"))
                                             && Files.exists(inbox.resolve(".done/ok.txt")), "both files handled");
        notify.assertIsSatisfied(10_000);
        Thread.sleep(400);
        notify.assertIsSatisfied();
        assertThat(notify.getExchanges().get(0).getMessage().getHeader("CamelPaperlessTaskStatus")).isEqualTo("failure");
        await(Duration.ofSeconds(5), () -> paperless.tasks().stream()
                .anyMatch(t -> t.path("status").asText().equals("failure") && t.path("acknowledged").asBoolean()),
                "the failed task acknowledged");
        assertThat(paperless.tasks().stream().filter(t -> t.path("status").asText().equals("success"))
                .noneMatch(t -> t.path("acknowledged").asBoolean())).isTrue();
    }
}
