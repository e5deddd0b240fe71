package io.github.camelpaperless.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelpaperless.client.UploadRequest;
import io.github.camelpaperless.client.UploadSource;
import io.github.camelpaperless.client.model.Task;
import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.it.support.Await;
import io.github.camelpaperless.it.support.RealServer;
import io.github.camelpaperless.it.support.RealServerTest;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/** from("paperless:documents") and from("paperless:tasks") against the servers' real time stamps and task records. */
class ConsumersIT {

    /** How long the servers may take to re-stamp a document from their background tasks (3.0.5: a few seconds). */
    private static final Duration RESTAMP_WINDOW = Duration.ofSeconds(12);

    private static void route(CamelContext ctx, String uri, List<Object> out, boolean fail) throws Exception {
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).process(e -> {
                    out.add(e.getMessage().getBody());
                    if (fail) {
                        throw new IllegalStateException("downstream refuses " + e.getMessage().getHeader(PaperlessConstants.ID));
                    }
                });
            }
        });
    }

    private static long count(List<Object> emitted, int id) {
        return emitted.stream().filter(o -> o instanceof io.github.camelpaperless.client.model.Document
                                            && ((io.github.camelpaperless.client.model.Document) o).id() == id).count();
    }

    /** Defect 1: the consumer's own after-success actions never bring a document back; a real change does. */
    @RealServerTest
    void modifiedModeEmitsEachRealChangeOnceDespiteItsOwnActions(RealServer s) throws Exception {
        JsonNode scope = s.create("tags", "scope");
        JsonNode inbox = s.create("tags", "inbox");
        JsonNode done = s.create("tags", "done");
        JsonNode exported = s.create("custom_fields", "exported", Map.of("data_type", "boolean"));
        int doc = s.upload(new UploadRequest(UploadSource.of(s.unique("modified").getBytes(StandardCharsets.UTF_8)))
                .fileName("m.txt").tags(List.of(scope.path("id").asInt(), inbox.path("id").asInt())));

        List<Object> emitted = new CopyOnWriteArrayList<>();
        route(s.camel(), "paperless:documents?mode=modified&startFrom=beginning&initialDelay=0&delay=300"
                         + "&filter.tags__id__all=" + scope.path("id").asInt() + "&addTags=" + done.path("name").asText()
                         + "&removeTags=" + inbox.path("id").asInt() + "&setCustomField." + exported.path("name").asText()
                         + "=true", emitted, false);

        Await.until(Duration.ofSeconds(30), "the document emitted", () -> count(emitted, doc) == 1);
        JsonNode after = Await.until(Duration.ofSeconds(10), "the after-success actions", () -> s.get("documents/" + doc),
                d -> d.path("custom_fields").size() == 1);
        assertThat(after.path("tags")).extracting(JsonNode::asInt)
                .containsExactlyInAnyOrder(scope.path("id").asInt(), done.path("id").asInt());
        assertThat(after.path("custom_fields").get(0).path("value").asBoolean()).isTrue();

        // the server re-stamps 'modified' for our own edits (3.0.5 once more from a background task): nothing comes back
        Thread.sleep(RESTAMP_WINDOW.toMillis());
        assertThat(count(emitted, doc)).as("emissions after our own changes").isEqualTo(1);

        // a change by someone else is emitted, once
        s.send("PATCH", "documents/" + doc, Map.of("title", s.unique("changed")));
        Await.until(Duration.ofSeconds(30), "the real change emitted", () -> count(emitted, doc) == 2);
        Thread.sleep(RESTAMP_WINDOW.toMillis());
        assertThat(count(emitted, doc)).as("emissions after one real change").isEqualTo(2);
    }

    @RealServerTest
    void failureTagMarksADocumentWhoseExchangeFailedAndItIsEmittedAgain(RealServer s) throws Exception {
        JsonNode scope = s.create("tags", "scope");
        JsonNode failed = s.create("tags", "failed");
        int doc = s.upload(new UploadRequest(UploadSource.of(s.unique("failing").getBytes(StandardCharsets.UTF_8)))
                .fileName("f.txt").tags(List.of(scope.path("id").asInt())));
        List<Object> emitted = new CopyOnWriteArrayList<>();
        CamelContext ctx = s.camel();
        route(ctx, "paperless:documents?startFrom=beginning&initialDelay=0&delay=300&filter.tags__id__all="
                   + scope.path("id").asInt() + "&failureTag=" + failed.path("name").asText(), emitted, true);
        Await.until(Duration.ofSeconds(30), "the failure tag", () -> s.get("documents/" + doc).path("tags"),
                t -> t.toString().contains(String.valueOf(failed.path("id").asInt())));
        // not committed: the next polls emit it again
        Await.until(Duration.ofSeconds(30), "a second attempt", () -> count(emitted, doc) >= 2);
        ctx.stop();
    }

    @RealServerTest
    void addedModeWithTheOriginalFileAsBody(RealServer s) throws Exception {
        JsonNode scope = s.create("tags", "scope");
        byte[] content = s.unique("content body").getBytes(StandardCharsets.UTF_8);
        List<Object> bodies = new CopyOnWriteArrayList<>();
        CamelContext ctx = s.camel();
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("paperless:documents?startFrom=beginning&initialDelay=0&delay=300&includeContent=original"
                     + "&filter.tags__id__all=" + scope.path("id").asInt())
                        .convertBodyTo(byte[].class).process(e -> bodies.add(e.getMessage().getBody()));
            }
        });
        s.upload(new UploadRequest(UploadSource.of(content)).fileName("c.txt").tags(List.of(scope.path("id").asInt())));
        Await.until(Duration.ofSeconds(30), "the file emitted", () -> !bodies.isEmpty());
        assertThat((byte[]) bodies.get(0)).isEqualTo(content);
    }

    /**
     * A poll loads its documents in chunks (id__in) instead of one GET each: what the route receives is what a GET
     * returns (but duplicate_documents, filled on retrieve only), and N documents cost a handful of requests.
     */
    @RealServerTest
    void chunkLoadedDocumentsEqualRetrievedOnes(RealServer s) throws Exception {
        JsonNode scope = s.create("tags", "chunk");
        List<Integer> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(s.upload(new UploadRequest(UploadSource.of(s.unique("chunk " + i).getBytes(StandardCharsets.UTF_8)))
                    .fileName("chunk-" + i + ".txt").tags(List.of(scope.path("id").asInt()))));
        }
        List<Object> emitted = new CopyOnWriteArrayList<>();
        route(s.camel(), "paperless:documents?startFrom=beginning&initialDelay=0&delay=60000&filter.tags__id__all="
                         + scope.path("id").asInt(), emitted, false);
        Await.until(Duration.ofSeconds(30), "the three documents", () -> emitted.size() == 3);
        for (Object o : emitted) {
            io.github.camelpaperless.client.model.Document listed = (io.github.camelpaperless.client.model.Document) o;
            io.github.camelpaperless.client.model.Document retrieved = s.client().documents().get(listed.id());
            assertThat(listed).usingRecursiveComparison().ignoringFields("duplicateDocuments").isEqualTo(retrieved);
        }
        assertThat(emitted).extracting(o -> ((io.github.camelpaperless.client.model.Document) o).id())
                .containsExactlyElementsOf(ids);
    }

    /** The tasks consumer: the server's default API version, and API 9 (a plain list, uppercase statuses) on 3.x too. */
    @RealServerTest
    void tasksConsumerEmitsFinishedConsumptionsAndAcknowledgesThem(RealServer s) throws Exception {
        for (String apiVersion : s.isV3() ? List.of("10", "9") : List.of("9")) {
            List<Object> tasks = new CopyOnWriteArrayList<>();
            CamelContext ctx = s.camel(pc -> pc.getConfiguration().setApiVersion(apiVersion));
            route(ctx, "paperless:tasks?taskType=consume_file&startFrom=now&initialDelay=0&delay=300&acknowledge=true",
                    tasks, false);
            Thread.sleep(1000); // the start position is taken at the first poll

            long asn = 100_000_000L + java.util.concurrent.ThreadLocalRandom.current().nextInt(800_000_000);
            int doc = s.upload(new UploadRequest(UploadSource.of(s.unique("tasks consumer").getBytes(StandardCharsets.UTF_8)))
                    .fileName(s.unique("task-" + apiVersion) + ".txt").archiveSerialNumber(asn));
            // the same archive serial number again: the server accepts the upload, then its consumption fails
            String failing = s.client().documents().upload(new UploadRequest(UploadSource.of(
                    s.unique("same asn").getBytes(StandardCharsets.UTF_8))).fileName(s.unique("asn") + ".txt")
                    .archiveSerialNumber(asn), false);

            Task ok = (Task) Await.until(Duration.ofSeconds(60), "the success task on API " + apiVersion,
                    () -> tasks.stream().filter(t -> doc == (((Task) t).documentId() == null ? -1 : ((Task) t).documentId()))
                            .findFirst().orElse(null), t -> t != null);
            assertThat(ok.isSuccess()).isTrue();
            Task bad = (Task) Await.until(Duration.ofSeconds(90), "the failed task on API " + apiVersion,
                    () -> tasks.stream().filter(t -> failing.equals(((Task) t).taskId())).findFirst().orElse(null),
                    t -> t != null);
            assertThat(bad.isSuccess()).isFalse();
            assertThat(bad.message()).isNotBlank();
            Await.until(Duration.ofSeconds(10), "the task acknowledged", () -> s.client().tasks().byUuid(failing).acknowledged());
            ctx.stop();
        }
    }
}
