package io.github.camelpaperless.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelpaperless.client.UploadRequest;
import io.github.camelpaperless.client.UploadSource;
import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.it.support.Await;
import io.github.camelpaperless.it.support.RealServer;
import io.github.camelpaperless.it.support.RealServersAtOnce;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.support.processor.state.MemoryStateRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * from("paperless:documents?push=true") against real servers: their workflows call the consumer from their worker
 * (Paperless 3.0.5 sends doc_id, 2.20.15 only doc_url), the catch-up poll covers what they could not deliver.
 */
class PushConsumerIT {

    /** How long a webhook may take: consumption finished → workflow → worker → POST (seen: about 1 s). */
    private static final Duration PUSH_WITHIN = Duration.ofSeconds(30);

    /** One emitted exchange: document id, event, how it came. */
    record Emitted(int id, String event, String source, long atNanos) {
    }

    private static int httpServer(CamelContext ctx) throws Exception {
        VertxPlatformHttpServerConfiguration conf = new VertxPlatformHttpServerConfiguration();
        conf.setBindHost("127.0.0.1");
        conf.setBindPort(org.apache.camel.test.AvailablePortFinder.getNextAvailable());
        VertxPlatformHttpServer server = new VertxPlatformHttpServer(conf);
        ctx.addService(server);
        return server.getPort();
    }

    private static String route(CamelContext ctx, String uri, List<Emitted> out) throws Exception {
        String id = "push-" + System.nanoTime();
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId(id).process(e -> out.add(new Emitted(e.getMessage().getHeader(PaperlessConstants.ID, Integer.class),
                        e.getMessage().getHeader(PaperlessConstants.EVENT, String.class),
                        e.getMessage().getHeader(PaperlessConstants.EVENT_SOURCE, String.class), System.nanoTime())));
            }
        });
        return id;
    }

    /** Workflows of this run with the given name, deleted after the test whatever happens. */
    private static List<JsonNode> workflows(RealServer s, String name) {
        JsonNode page = s.get("workflows/", io.github.camelpaperless.client.Query.create().set("page_size", 100000));
        return StreamSupport.stream(page.path("results").spliterator(), false)
                .filter(w -> w.path("name").asText().equals(name)).collect(Collectors.toList());
    }

    private static void deleteWorkflowsLater(RealServer s, String baseName) {
        s.cleanup(() -> {
            for (String event : List.of("added", "updated")) {
                workflows(s, baseName + " (" + event + ")").forEach(w -> s.send("DELETE", "workflows/" + w.path("id").asInt(), null));
            }
        });
    }

    private int upload(RealServer s, JsonNode tag, String what) {
        return s.upload(new UploadRequest(UploadSource.of(s.unique(what).getBytes(StandardCharsets.UTF_8)))
                .fileName(what + ".txt").tags(List.of(tag.path("id").asInt())));
    }

    private static long count(List<Emitted> emitted, int id) {
        return emitted.stream().filter(e -> e.id() == id).count();
    }

    /** An upload reaches the route by webhook within seconds, once; the workflow is provisioned once; no secret: 401. */
    @RealServersAtOnce
    void anAddedDocumentArrivesByPushOnceAndCallsWithoutTheSecretAre401(RealServer s) throws Exception {
        JsonNode scope = s.create("tags", "push-scope");
        String name = s.unique("wf");
        deleteWorkflowsLater(s, name);
        CamelContext ctx = s.camel();
        int port = httpServer(ctx);
        List<Emitted> emitted = new CopyOnWriteArrayList<>();
        String routeId = route(ctx, "paperless:documents?push=true&webhookExternalUrl=http://127.0.0.1:" + port
                                    + "&webhookPath=/hooks/docs&catchUpDelay=1h&workflowName=" + name
                                    + "&filter.tags__id__all=" + scope.path("id").asInt(), emitted);
        assertThat(workflows(s, name + " (added)")).hasSize(1);
        // restart: found by name and updated, not created again
        ctx.getRouteController().stopRoute(routeId);
        ctx.getRouteController().startRoute(routeId);
        List<JsonNode> wf = workflows(s, name + " (added)");
        assertThat(wf).hasSize(1);
        JsonNode trigger = wf.get(0).path("triggers").get(0);
        assertThat(trigger.path("type").asInt()).isEqualTo(2);
        assertThat(trigger.path("filter_has_all_tags").toString()).isEqualTo("[" + scope.path("id").asInt() + "]");
        Thread.sleep(1500); // the catch-up poll at start has run: whatever comes now is pushed

        long t0 = System.nanoTime();
        int doc = upload(s, scope, "pushed");
        long consumed = System.nanoTime();
        Await.until(PUSH_WITHIN, "the document pushed", () -> count(emitted, doc) == 1);
        Emitted e = emitted.get(0);
        assertThat(e.source()).isEqualTo("push");
        assertThat(e.event()).isEqualTo("added");
        System.out.printf("[push latency] %s: upload→emitted %d ms, consumption finished→emitted %d ms%n", s.displayName(),
                Duration.ofNanos(e.atNanos() - t0).toMillis(), Duration.ofNanos(e.atNanos() - consumed).toMillis());

        // a call without the secret (or with another one) is refused and emits nothing
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/hooks/docs")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"added\",\"doc_url\":\"x/documents/" + doc + "/\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        Thread.sleep(2000);
        assertThat(emitted).hasSize(1);
    }

    /** mode=modified: an edit by someone else arrives as 'updated' by push, once. */
    @RealServersAtOnce
    void anEditArrivesAsUpdatedByPush(RealServer s) throws Exception {
        JsonNode scope = s.create("tags", "push-mod");
        String name = s.unique("wf");
        deleteWorkflowsLater(s, name);
        CamelContext ctx = s.camel();
        int port = httpServer(ctx);
        List<Emitted> emitted = new CopyOnWriteArrayList<>();
        route(ctx, "paperless:documents?push=true&mode=modified&webhookExternalUrl=http://127.0.0.1:" + port
                   + "&catchUpDelay=1h&deleteWorkflowOnStop=true&workflowName=" + name
                   + "&filter.tags__id__all=" + scope.path("id").asInt(), emitted);
        assertThat(workflows(s, name + " (updated)")).hasSize(1);
        Thread.sleep(1500);
        int doc = upload(s, scope, "edited");
        Await.until(PUSH_WITHIN, "the added document pushed", () -> count(emitted, doc) >= 1);
        s.send("PATCH", "documents/" + doc, Map.of("title", s.unique("new title")));
        Await.until(PUSH_WITHIN, "the edit pushed", () -> emitted.stream().anyMatch(x -> x.id() == doc
                                                                                          && "updated".equals(x.event())));
        Thread.sleep(3000);
        List<Emitted> updates = emitted.stream().filter(x -> "updated".equals(x.event())).toList();
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).source()).isEqualTo("push");
        // deleteWorkflowOnStop
        ctx.stop();
        assertThat(workflows(s, name + " (added)")).isEmpty();
        assertThat(workflows(s, name + " (updated)")).isEmpty();
    }

    /** Stop the route, upload three, start it: the catch-up emits exactly those three, once each. */
    @RealServersAtOnce
    void whatArrivedWhileTheRouteWasStoppedIsCaughtUpOnce(RealServer s) throws Exception {
        JsonNode scope = s.create("tags", "push-down");
        String name = s.unique("wf");
        deleteWorkflowsLater(s, name);
        CamelContext ctx = s.camel();
        ctx.getRegistry().bind("pushState", new MemoryStateRepository());
        int port = httpServer(ctx);
        List<Emitted> emitted = new CopyOnWriteArrayList<>();
        String routeId = route(ctx, "paperless:documents?push=true&webhookExternalUrl=http://127.0.0.1:" + port
                                    + "&catchUpDelay=1h&stateRepository=#pushState&workflowName=" + name
                                    + "&filter.tags__id__all=" + scope.path("id").asInt(), emitted);
        Thread.sleep(1500);
        ctx.getRouteController().stopRoute(routeId);
        int a = upload(s, scope, "down-a");
        int b = upload(s, scope, "down-b");
        int c = upload(s, scope, "down-c");
        // Paperless' calls failed meanwhile (404 from the stopped path; it retries a 4xx/5xx a few times)
        ctx.getRouteController().startRoute(routeId);
        Await.until(PUSH_WITHIN, "the three caught up", () -> emitted.size() >= 3);
        // let Paperless' retries of the failed calls come in: they must not emit again
        Thread.sleep(20_000);
        assertThat(emitted).extracting(Emitted::id).containsExactlyInAnyOrder(a, b, c);
    }

    /** Two consumers with different filters each get their own documents only. */
    @RealServersAtOnce
    void twoConsumersWithDifferentFiltersGetOnlyTheirOwn(RealServer s) throws Exception {
        JsonNode red = s.create("tags", "push-red");
        JsonNode blue = s.create("tags", "push-blue");
        String redName = s.unique("wf-red");
        String blueName = s.unique("wf-blue");
        deleteWorkflowsLater(s, redName);
        deleteWorkflowsLater(s, blueName);
        CamelContext ctx = s.camel();
        int port = httpServer(ctx);
        List<Emitted> reds = new CopyOnWriteArrayList<>();
        List<Emitted> blues = new CopyOnWriteArrayList<>();
        String common = "paperless:documents?push=true&webhookExternalUrl=http://127.0.0.1:" + port + "&catchUpDelay=1h";
        route(ctx, common + "&workflowName=" + redName + "&filter.tags__id__all=" + red.path("id").asInt(), reds);
        route(ctx, common + "&workflowName=" + blueName + "&filter.tags__id__all=" + blue.path("id").asInt(), blues);
        Thread.sleep(1500);
        int r = upload(s, red, "red");
        int b = upload(s, blue, "blue");
        Await.until(PUSH_WITHIN, "both pushed", () -> reds.size() >= 1 && blues.size() >= 1);
        Thread.sleep(3000);
        assertThat(reds).extracting(Emitted::id).containsExactly(r);
        assertThat(blues).extracting(Emitted::id).containsExactly(b);
        assertThat(List.of(reds.get(0).source(), blues.get(0).source())).containsOnly("push");
    }

    /** consumptionStartedFilter: Paperless calls when it starts consuming a matching file, before the document exists. */
    @RealServersAtOnce
    void aConsumptionStartIsPushedBeforeTheDocumentIsAdded(RealServer s) throws Exception {
        JsonNode scope = s.create("tags", "push-cs");
        String name = s.unique("wf");
        deleteWorkflowsLater(s, name);
        CamelContext ctx = s.camel();
        int port = httpServer(ctx);
        List<Object[]> calls = new CopyOnWriteArrayList<>();
        String marker = s.unique("cs").replace('-', '_');
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("paperless:documents?push=true&webhookExternalUrl=http://127.0.0.1:" + port + "&catchUpDelay=1h"
                     + "&workflowName=" + name + "&consumptionStartedFilter=*" + marker + "*&filter.tags__id__all="
                     + scope.path("id").asInt())
                        .process(e -> calls.add(new Object[] {
                                e.getMessage().getHeader(PaperlessConstants.EVENT),
                                e.getMessage().getHeader(PaperlessConstants.FILE_NAME),
                                e.getMessage().getHeader(PaperlessConstants.ID) }));
            }
        });
        Thread.sleep(1500);
        int doc = s.upload(new UploadRequest(UploadSource.of(s.unique("consumption").getBytes(StandardCharsets.UTF_8)))
                .fileName(marker + ".txt").tags(List.of(scope.path("id").asInt())));
        Await.until(PUSH_WITHIN, "the consumption start and the addition", () -> calls.size() >= 2);
        Thread.sleep(2000);
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0)[0]).isEqualTo("consumptionStarted");
        assertThat(calls.get(0)[1]).isEqualTo(marker + ".txt");
        assertThat(calls.get(0)[2]).isNull();
        assertThat(calls.get(1)[0]).isEqualTo("added");
        assertThat(calls.get(1)[2]).isEqualTo(doc);
    }
}
