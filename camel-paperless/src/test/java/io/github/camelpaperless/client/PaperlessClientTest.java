package io.github.camelpaperless.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.camelpaperless.client.model.CustomFieldDataType;
import io.github.camelpaperless.client.model.Document;
import io.github.camelpaperless.client.model.MatchingAlgorithm;
import io.github.camelpaperless.client.model.Tag;
import io.github.camelpaperless.support.Fixtures;
import io.github.camelpaperless.support.OpenApiConformance;
import io.github.camelpaperless.support.TaskFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client without Camel, against WireMock over real HTTP. */
class PaperlessClientTest {

    static final String TOKEN = "tok-client-SECRET-123";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @AfterEach
    void conformance() {
        OpenApiConformance.check(wm.getAllServeEvents());
    }

    static PaperlessClient client(PaperlessClientConfig.Builder b) {
        return new PaperlessClient(b.build());
    }

    static PaperlessClientConfig.Builder config() {
        return PaperlessClientConfig.builder(wm.baseUrl()).token(TOKEN)
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20)));
    }

    /** A plain-Java observer sees each attempt (the 406 and its resend) with a bounded template and no query value. */
    @Test
    void anObserverSeesEachAttemptAndCannotBreakACall() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/tags/12/")).withHeader("Accept", equalTo("application/json; version=10"))
                .willReturn(jsonResponse("{\"detail\":\"Invalid version in \\\"Accept\\\" header.\"}", 406)));
        wm.stubFor(get(urlPathEqualTo("/api/tags/12/")).withHeader("Accept", equalTo("application/json; version=9"))
                .willReturn(okJson(Fixtures.json("tags")).withHeader("X-Api-Version", "9")));
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        PaperlessObserver recording = new PaperlessObserver() {
            @Override
            public RequestObservation requestStarted(Request r) {
                return (status, failure) -> seen.add(r.method() + " " + r.resource() + " " + r.uri() + " " + r.operation()
                                                     + " " + status + " " + r.url().replace(wm.baseUrl(), ""));
            }

            @Override
            public void retrying(Request request, String reason) {
                throw new IllegalStateException("a broken observer");
            }
        };
        try (PaperlessClient c = client(config().observer(recording));
             PaperlessObserver.OperationScope op = PaperlessObserver.operation("get")) {
            assertThat(c.tags().get(12).id()).isNotNull();
            c.tags().page(Query.create().set("name__icontains", "secret-ish"), 1);
        } catch (RuntimeException e) {
            // the second call has no stub: what matters is what the observer saw of it
        }
        assertThat(seen).startsWith("GET tags /api/tags/{id}/ get 406 /api/tags/12/",
                "GET tags /api/tags/{id}/ get 200 /api/tags/12/");
        assertThat(seen.get(2)).startsWith("GET tags /api/tags/ get 404 /api/tags/?")
                .contains("name__icontains=REDACTED").doesNotContain("secret-ish");
        // a throwing observer is ignored: a retried request still completes
        wm.stubFor(get(urlPathEqualTo("/api/tags/13/")).inScenario("r").whenScenarioStateIs(
                com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(jsonResponse("{}", 503)).willSetStateTo("ok"));
        wm.stubFor(get(urlPathEqualTo("/api/tags/13/")).inScenario("r").whenScenarioStateIs("ok")
                .willReturn(okJson(Fixtures.json("tags"))));
        try (PaperlessClient c = client(config().apiVersion(ApiVersion.V9).observer(recording))) {
            assertThat(c.tags().get(13)).isNotNull();
        }
        assertThat(PaperlessObserver.currentOperation()).isEqualTo("none");
    }

    @Test
    void autoFallsBackToVersion9On406() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/tags/")).withHeader("Accept", equalTo("application/json; version=10"))
                .willReturn(jsonResponse("{\"detail\":\"Invalid version in \\\"Accept\\\" header.\"}", 406)));
        wm.stubFor(get(urlPathEqualTo("/api/tags/")).withHeader("Accept", equalTo("application/json; version=9"))
                .willReturn(okJson(Fixtures.pageV9(1, null, null, "[1,9]", Fixtures.json("tags")))
                        .withHeader("X-Api-Version", "9").withHeader("X-Version", "2.17.1")));
        try (PaperlessClient c = client(config())) {
            assertThat(c.apiVersion()).isZero();
            Page<Tag> page = c.tags().page(null, 1);
            assertThat(page.items()).hasSize(1);
            assertThat(page.allIds()).containsExactly(1, 9);
            assertThat(c.apiVersion()).isEqualTo(9);
            assertThat(c.serverVersion()).isEqualTo("2.17.1");
            // the next request asks for 9 straight away
            c.tags().page(null, 1);
        }
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/tags/")).withHeader("Accept", equalTo("application/json; version=10")));
        wm.verify(2, getRequestedFor(urlPathEqualTo("/api/tags/")).withHeader("Accept", equalTo("application/json; version=9")));
    }

    @Test
    void fixedVersionDoesNotFallBackAndSaysWhy() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/tags/"))
                .willReturn(jsonResponse("{\"detail\":\"Invalid version in \\\"Accept\\\" header.\"}", 406)));
        try (PaperlessClient c = client(config().apiVersion(ApiVersion.V10))) {
            assertThatThrownBy(() -> c.tags().page(null, 1))
                    .isInstanceOf(PaperlessApiVersionException.class)
                    .hasMessageContaining("apiVersion=auto");
        }
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/tags/")));
    }

    @Test
    void negotiateUsesOneSmallAuthenticatedRequest() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/ui_settings/")).willReturn(okJson(Fixtures.json("ui_settings"))
                .withHeader("X-Api-Version", "10").withHeader("X-Version", "3.0.5")));
        try (PaperlessClient c = client(config())) {
            assertThat(c.negotiate()).isEqualTo(10);
            assertThat(c.serverVersion()).isEqualTo("3.0.5");
        }
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/ui_settings/")));
        wm.verify(0, getRequestedFor(urlPathMatching("/api/schema.*")));
    }

    @Test
    void threePagesFollowNextLinksRewrittenToTheConfiguredBase() throws Exception {
        String t = Fixtures.json("tags");
        // behind a proxy the server builds links with its internal host and prefix
        wm.stubFor(get(urlPathEqualTo("/api/tags/")).withQueryParam("page", absent())
                .willReturn(okJson(Fixtures.page(5, "http://paperless-internal:8000/api/tags/?page=2&page_size=2", null, t, t))));
        wm.stubFor(get(urlPathEqualTo("/api/tags/")).withQueryParam("page", equalTo("2"))
                .willReturn(okJson(Fixtures.page(5, "http://paperless-internal:8000/api/tags/?page=3&page_size=2",
                        "http://paperless-internal:8000/api/tags/?page_size=2", t, t))));
        wm.stubFor(get(urlPathEqualTo("/api/tags/")).withQueryParam("page", equalTo("3"))
                .willReturn(okJson(Fixtures.page(5, null, "http://paperless-internal:8000/api/tags/?page=2&page_size=2", t))));
        try (PaperlessClient c = client(config().pageSize(2))) {
            PagedIterable<Tag> all = c.tags().list(Query.create().set("name__icontains", "in"));
            // lazy: nothing is fetched before iteration
            wm.verify(0, getRequestedFor(anyUrl()));
            assertThat(all.stream().count()).isEqualTo(5);
            // a second walk starts again
            assertThat(all.stream().limit(1).count()).isEqualTo(1);
        }
        wm.verify(2, getRequestedFor(urlPathEqualTo("/api/tags/")).withQueryParam("page", absent())
                .withQueryParam("name__icontains", equalTo("in")).withQueryParam("page_size", equalTo("2")));
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/tags/")).withQueryParam("page", equalTo("3")));
        wm.verify(0, getRequestedFor(anyUrl()).withHeader("Host", containing("paperless-internal")));
    }

    @Test
    void redirectToLoginPageIsAClearError() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/tags/"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", "/accounts/login/?next=/api/tags/")));
        try (PaperlessClient c = client(config())) {
            assertThatThrownBy(() -> c.tags().page(null, 1))
                    .isInstanceOf(PaperlessLoginRedirectException.class)
                    .hasMessageContaining("redirected to its login page")
                    .hasMessageNotContaining(TOKEN);
        }
    }

    /** Defect 6: a redirect is followed only to the same scheme, host and port; the token goes nowhere else. */
    @Test
    void redirectsAreFollowedOnlyToTheSameSchemeHostAndPort() throws Exception {
        WireMockServer other = new WireMockServer(wireMockConfig().dynamicPort());
        other.start();
        try {
            other.stubFor(any(anyUrl()).willReturn(okJson(Fixtures.json("tags"))));
            String elsewhere = "http://localhost:" + other.port() + "/api/tags/1/";
            wm.stubFor(get(urlPathEqualTo("/api/tags/1/"))
                    .willReturn(aResponse().withStatus(302).withHeader("Location", elsewhere)));
            // another port on the same host
            try (PaperlessClient c = client(config())) {
                assertThatThrownBy(() -> c.tags().get(1))
                        .isInstanceOf(PaperlessApiException.class)
                        .hasMessageContaining("unexpected redirect (HTTP 302) to " + elsewhere + ", not followed")
                        .hasMessageContaining("set baseUrl");
            }
            // https to http, or another port or host, is another server
            PaperlessUrl https = PaperlessUrl.parse("https://paperless.example.com");
            assertThat(https.sameServer(java.net.URI.create("http://paperless.example.com/api/tags/"))).isFalse();
            assertThat(https.sameServer(java.net.URI.create("https://paperless.example.com:8443/api/tags/"))).isFalse();
            assertThat(https.sameServer(java.net.URI.create("https://other.example.com/api/tags/"))).isFalse();
            assertThat(https.sameServer(java.net.URI.create("https://PAPERLESS.example.com:443/api/tags/"))).isTrue();
            // a relative redirect (same server) is followed
            wm.stubFor(get(urlPathEqualTo("/api/tags/3/"))
                    .willReturn(aResponse().withStatus(301).withHeader("Location", "/api/tags/4/")));
            wm.stubFor(get(urlPathEqualTo("/api/tags/4/")).willReturn(okJson(Fixtures.json("tags"))));
            try (PaperlessClient c = client(config())) {
                assertThat(c.tags().get(3).id()).isNotNull();
            }
            other.verify(0, anyRequestedFor(anyUrl()));
        } finally {
            other.stop();
        }
    }

    /** What only Paperless-ngx 3 has fails on a 2.x server before any request, naming the feature and the server. */
    @Test
    void threeOnlyFeaturesFailEarlyOnATwoServer() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/ui_settings/")).willReturn(okJson(Fixtures.json("ui_settings"))
                .withHeader("X-Api-Version", "9").withHeader("X-Version", "2.20.15")));
        try (PaperlessClient c = client(config().apiVersion(ApiVersion.V9))) {
            assertThatThrownBy(() -> c.shareLinkBundles().list())
                    .isInstanceOf(PaperlessUnsupportedException.class)
                    .hasMessage("share link bundles need Paperless-ngx 3.0 or newer; the server is Paperless-ngx 2.20.15");
            assertThatThrownBy(() -> c.documents().root(42))
                    .isInstanceOf(PaperlessUnsupportedException.class).hasMessageStartingWith("document versions need");
            assertThatThrownBy(() -> c.documents().download(42, true, false, 7))
                    .isInstanceOf(PaperlessUnsupportedException.class).hasMessageStartingWith("document versions need");
            assertThatThrownBy(() -> c.documents().action("remove_password", DocumentSelection.of(List.of(42)),
                    java.util.Map.of("password", "x"))).isInstanceOf(PaperlessUnsupportedException.class)
                    .hasMessageStartingWith("removePassword (remove_password) needs Paperless-ngx 3.0");
            assertThatThrownBy(() -> c.tasks().statusCounts(null))
                    .isInstanceOf(PaperlessUnsupportedException.class).hasMessageStartingWith("tasks active, summary");
        }
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/ui_settings/")));
        wm.verify(0, anyRequestedFor(urlPathMatching("/api/(share_link_bundles|documents|tasks)/.*")));
    }

    @Test
    void htmlWhereJsonIsExpectedIsAClearError() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/statistics/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html><body><h1>Welcome to nginx!</h1></body></html>")));
        try (PaperlessClient c = client(config())) {
            assertThatThrownBy(() -> c.get("statistics", null, c.type(io.github.camelpaperless.client.model.Statistics.class)))
                    .isInstanceOf(PaperlessUnexpectedResponseException.class)
                    .hasMessageContaining("text/html where JSON was expected")
                    .hasMessageContaining("baseUrl");
        }
    }

    @Test
    void idempotentRequestsRetry503ThenSucceed() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/tags/1/")).inScenario("r").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("busy")).willSetStateTo("one"));
        wm.stubFor(get(urlPathEqualTo("/api/tags/1/")).inScenario("r").whenScenarioStateIs("one")
                .willReturn(aResponse().withStatus(503).withBody("busy")).willSetStateTo("two"));
        wm.stubFor(get(urlPathEqualTo("/api/tags/1/")).inScenario("r").whenScenarioStateIs("two")
                .willReturn(okJson(Fixtures.json("tags"))));
        try (PaperlessClient c = client(config())) {
            assertThat(c.tags().get(1).name()).isEqualTo("Inbox");
        }
        wm.verify(3, getRequestedFor(urlPathEqualTo("/api/tags/1/")));
    }

    @Test
    void anIdempotentRequestAnswered500IsSentAgainOnlyWithACheck() throws Exception {
        // SQLite's "database is locked" answered as Django's HTML 500 page, twice, then the update goes through
        String html = "<h1>Server Error (500)</h1>";
        wm.stubFor(patch(urlPathEqualTo("/api/tags/1/")).inScenario("locked").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "text/html").withBody(html))
                .willSetStateTo("once"));
        wm.stubFor(patch(urlPathEqualTo("/api/tags/1/")).inScenario("locked").whenScenarioStateIs("once")
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "text/html").withBody(html))
                .willSetStateTo("twice"));
        wm.stubFor(patch(urlPathEqualTo("/api/tags/1/")).inScenario("locked").whenScenarioStateIs("twice")
                .willReturn(okJson("{\"id\":1,\"name\":\"Inbox\"}")));
        java.util.List<RuntimeException> looked = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (PaperlessClient c = client(config())) {
            // without a check: a 500 is not a reason to send anything again
            assertThatThrownBy(() -> c.send("PATCH", "tags/1", null, java.util.Map.of("name", "Inbox"),
                    c.type(com.fasterxml.jackson.databind.JsonNode.class))).isInstanceOf(PaperlessServerException.class)
                    .hasMessageContaining("500");
            wm.verify(1, patchRequestedFor(urlPathEqualTo("/api/tags/1/")));
            // with one (a repeatable update): sent again after each 500, the check asked each time
            com.fasterxml.jackson.databind.JsonNode done = c.send("PATCH", "tags/1", null, java.util.Map.of("name", "Inbox"),
                    c.type(com.fasterxml.jackson.databind.JsonNode.class), failure -> {
                        looked.add(failure);
                        return null;
                    });
            assertThat(done.path("name").asText()).isEqualTo("Inbox");
        }
        wm.verify(3, patchRequestedFor(urlPathEqualTo("/api/tags/1/")));
        assertThat(looked).hasSize(1).allMatch(f -> f instanceof PaperlessServerException);
    }

    @Test
    void postsAreNotRetriedAfterTheRequestWasSent() throws Exception {
        wm.stubFor(post(urlPathEqualTo("/api/tags/")).willReturn(aResponse().withStatus(503).withBody("busy")));
        wm.stubFor(get(urlPathEqualTo("/api/tags/2/")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        try (PaperlessClient c = client(config())) {
            assertThatThrownBy(() -> c.tags().create(java.util.Map.of("name", "x")))
                    .isInstanceOf(PaperlessServerException.class);
            assertThatThrownBy(() -> c.tags().get(2)).isInstanceOf(PaperlessConnectionException.class);
        }
        wm.verify(1, postRequestedFor(urlPathEqualTo("/api/tags/")));
        wm.verify(4, getRequestedFor(urlPathEqualTo("/api/tags/2/")));
    }

    @Test
    void authFailuresAreNeverRetried() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/tags/1/")).willReturn(jsonResponse("{\"detail\":\"Invalid token.\"}", 401)));
        try (PaperlessClient c = client(config())) {
            assertThatThrownBy(() -> c.tags().get(1))
                    .isInstanceOf(PaperlessAuthenticationException.class)
                    .hasMessageContaining("GET /api/tags/1/")
                    .hasMessageContaining("Invalid token.")
                    .hasMessageNotContaining(TOKEN);
        }
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/tags/1/")));
    }

    @Test
    void basicAuthWhenNoToken() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/statistics/")).willReturn(okJson(Fixtures.json("statistics"))));
        try (PaperlessClient c = new PaperlessClient(PaperlessClientConfig.builder(wm.baseUrl())
                .basicAuth("alice", "wonder land").build())) {
            var stats = c.get("statistics", null, c.type(io.github.camelpaperless.client.model.Statistics.class));
            assertThat(((io.github.camelpaperless.client.model.Statistics) stats).documentsTotal()).isEqualTo(412);
        }
        wm.verify(getRequestedFor(urlPathEqualTo("/api/statistics/"))
                .withHeader("Authorization", equalTo("Basic YWxpY2U6d29uZGVyIGxhbmQ=")));
    }

    @Test
    void modelsReadDatesEnumsAndUnknownFieldsLeniently() throws Exception {
        String doc = Fixtures.json("documents").replace("\"page_count\"", "\"some_future_field\": {\"x\": 1}, \"page_count\"");
        wm.stubFor(get(urlPathEqualTo("/api/documents/42/")).willReturn(okJson(doc)));
        String tag = Fixtures.json("tags").replace("\"matching_algorithm\": 0", "\"matching_algorithm\": 42");
        wm.stubFor(get(urlPathEqualTo("/api/tags/1/")).willReturn(okJson(tag)));
        String field = Fixtures.json("custom_fields").replace("\"select\"", "\"hologram\"");
        wm.stubFor(get(urlPathEqualTo("/api/custom_fields/5/")).willReturn(okJson(field)));
        try (PaperlessClient c = client(config())) {
            Document d = c.documents().get(42);
            assertThat(d.created()).isEqualTo(LocalDate.of(2026, 10, 2));
            assertThat(d.added()).isEqualTo(OffsetDateTime.parse("2026-11-20T07:15:03.512Z"));
            assertThat(d.notes().get(0).user().username()).isEqualTo("alice");
            assertThatThrownBy(() -> d.tags().add(3)).isInstanceOf(UnsupportedOperationException.class);
            Tag t = c.tags().get(1);
            assertThat(t.matchingAlgorithm()).isEqualTo(MatchingAlgorithm.UNKNOWN);
            assertThat(t.childIds()).containsExactly(9);
            assertThat(c.customFields().get(5).dataType()).isEqualTo(CustomFieldDataType.UNKNOWN);
        }
    }

    @Test
    void legacyDateTimeCreatedIsReadAsADate() throws Exception {
        String doc = Fixtures.json("documents").replace("\"created\": \"2026-10-02\"", "\"created\": \"2026-10-02T23:30:00+02:00\"");
        wm.stubFor(get(urlPathEqualTo("/api/documents/42/")).willReturn(okJson(doc)));
        try (PaperlessClient c = client(config())) {
            assertThat(c.documents().get(42).created()).isEqualTo(LocalDate.of(2026, 10, 2));
        }
    }

    @Test
    void unpaginatedListsAreOnePage() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/config/")).willReturn(okJson("[" + Fixtures.json("config") + "]")));
        try (PaperlessClient c = client(config())) {
            List<io.github.camelpaperless.client.model.ApplicationConfiguration> all
                    = c.<io.github.camelpaperless.client.model.ApplicationConfiguration> list("config", null,
                            c.type(io.github.camelpaperless.client.model.ApplicationConfiguration.class), 0)
                            .stream().collect(Collectors.toList());
            assertThat(all).hasSize(1);
            assertThat(all.get(0).language()).isEqualTo("deu+eng");
        }
    }

    @Test
    void configToStringHidesSecrets() {
        PaperlessClientConfig cfg = PaperlessClientConfig.builder("h").token(TOKEN).proxyCredentials("u", "proxy-SECRET").build();
        assertThat(cfg.toString()).doesNotContain(TOKEN).doesNotContain("proxy-SECRET").contains("auth=token");
    }

    /**
     * The client's one retry loop also serves uploads that must not be sent twice: with {@code SKIP} an upload from a
     * stream is spooled once (checksum, then re-sent from the spool), retried after a 503 only once the checksum lookup
     * and the task list show it had no effect, and the spool file is gone afterwards. No Camel involved.
     */
    @Test
    void uploadWithSkipIsRetriedByTheTransportAfterLookingAndCleansItsSpool() throws Exception {
        byte[] content = "spooled once, sent twice".getBytes(StandardCharsets.UTF_8);
        String sha = Checksums.of(content).sha256();
        wm.stubFor(get(urlPathEqualTo("/api/documents/")).withQueryParam("checksum__iexact", equalTo(sha))
                .willReturn(okJson(Fixtures.page(0, null, null))));
        wm.stubFor(get(urlPathEqualTo("/api/tasks/")).willReturn(okJson(TaskFixtures.page())));
        wm.stubFor(post(urlPathEqualTo("/api/documents/post_document/")).inScenario("u").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
        wm.stubFor(post(urlPathEqualTo("/api/documents/post_document/")).inScenario("u").whenScenarioStateIs("ok")
                .willReturn(okJson("\"0f0f0f0f-1e1e-4d4d-8c8c-7b7b7b7b7b7b\"")));
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long spoolsBefore = spools(tmp);
        try (PaperlessClient c = client(config().apiVersion(ApiVersion.V10))) {
            UploadRequest r = new UploadRequest(UploadSource.of(new ByteArrayInputStream(content))).fileName("s.txt");
            DocumentsClient.UploadOutcome out = c.documents().upload(r, false, DocumentsClient.DuplicatePolicy.SKIP);
            assertThat(out.taskId()).isEqualTo("0f0f0f0f-1e1e-4d4d-8c8c-7b7b7b7b7b7b");
            assertThat(out.duplicateOf()).isNull();
        }
        List<String> bodies = wm.findAll(postRequestedFor(urlPathEqualTo("/api/documents/post_document/"))).stream()
                .map(r -> r.getBodyAsString()).collect(Collectors.toList());
        assertThat(bodies).hasSize(2).allSatisfy(b -> assertThat(b).contains("spooled once, sent twice"));
        // looked once before the upload, and twice before sending it again (before and after a settling pause)
        wm.verify(3, getRequestedFor(urlPathEqualTo("/api/documents/")).withQueryParam("checksum__iexact", equalTo(sha)));
        wm.verify(2, getRequestedFor(urlPathEqualTo("/api/tasks/")));
        assertThat(spools(tmp)).isEqualTo(spoolsBefore);
    }

    private static long spools(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("paperless-upload-")).count();
        }
    }

    /**
     * Real-server finding (2.20.15 on SQLite): a bulk edit that meets the worker's write lock fails inside the server,
     * which answers its catch-all 400 ("database is locked" in its log). A set-like edit is sent again; others are not.
     */
    @Test
    void aBulkEditTheServerFailedToApplyIsSentAgainOnlyWhenItSetsAState() {
        String failed = "Error performing bulk edit, check logs for more detail.";
        wm.stubFor(post("/api/documents/bulk_edit/").withRequestBody(containing("modify_custom_fields")).inScenario("lock")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/html; charset=utf-8").withBody(failed))
                .willSetStateTo("unlocked"));
        wm.stubFor(post("/api/documents/bulk_edit/").withRequestBody(containing("modify_custom_fields")).inScenario("lock")
                .whenScenarioStateIs("unlocked").willReturn(okJson("{\"result\":\"OK\"}")));
        wm.stubFor(post("/api/documents/bulk_edit/").withRequestBody(containing("rotate"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/html; charset=utf-8").withBody(failed)));
        try (PaperlessClient c = client(config().retryPolicy(new RetryPolicy(2, java.time.Duration.ofMillis(1),
                java.time.Duration.ofMillis(5))))) {
            com.fasterxml.jackson.databind.JsonNode ok = c.documents().bulkEdit(DocumentSelection.of(java.util.List.of(1)), "modify_custom_fields",
                    java.util.Map.of("add_custom_fields", java.util.Map.of(), "remove_custom_fields", java.util.List.of()));
            assertThat(ok.path("result").asText()).isEqualTo("OK");
            wm.verify(2, postRequestedFor(urlEqualTo("/api/documents/bulk_edit/")));
            assertThatThrownBy(() -> c.documents().bulkEdit(DocumentSelection.of(java.util.List.of(1)), "rotate",
                    java.util.Map.of("degrees", 90)))
                    .isInstanceOf(PaperlessServerException.class)
                    .hasMessageContaining("the server failed while applying the edit");
            // rotating twice would turn the document twice: sent once
            wm.verify(3, postRequestedFor(urlEqualTo("/api/documents/bulk_edit/")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * 2.20.15's modify_tags answers 200 {"result": "ERROR"} when it failed ("Error modifying tags: database is locked"
     * in its log, nothing applied; seen under load in ClusterFailoverIT, where an after-success addTags was lost): an
     * edit that sets a state is sent again; still ERROR after the retries, it is raised. Other edits are not re-sent.
     */
    @Test
    void aBulkEditAnsweredWithResultErrorIsSentAgainWhenItSetsAState() throws Exception {
        wm.stubFor(post("/api/documents/bulk_edit/").withRequestBody(containing("modify_tags")).inScenario("locked")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(okJson("{\"result\":\"ERROR\"}")).willSetStateTo("unlocked"));
        wm.stubFor(post("/api/documents/bulk_edit/").withRequestBody(containing("modify_tags")).inScenario("locked")
                .whenScenarioStateIs("unlocked").willReturn(okJson("{\"result\":\"OK\"}")));
        wm.stubFor(post("/api/documents/bulk_edit/").withRequestBody(containing("merge"))
                .willReturn(okJson("{\"result\":\"ERROR\"}")));
        try (PaperlessClient c = client(config().retryPolicy(new RetryPolicy(2, java.time.Duration.ofMillis(1),
                java.time.Duration.ofMillis(5))))) {
            java.util.Map<String, Object> tags = java.util.Map.of("add_tags", java.util.List.of(9), "remove_tags", java.util.List.of());
            assertThat(c.documents().bulkEdit(DocumentSelection.of(java.util.List.of(1)), "modify_tags", tags)
                    .path("result").asText()).isEqualTo("OK");
            wm.verify(2, postRequestedFor(urlEqualTo("/api/documents/bulk_edit/")));

            assertThatThrownBy(() -> c.documents().bulkEdit(DocumentSelection.of(java.util.List.of(1, 2)), "merge", java.util.Map.of()))
                    .hasMessageContaining("did not succeed").hasMessageContaining("ERROR");
            wm.verify(3, postRequestedFor(urlEqualTo("/api/documents/bulk_edit/")));

            wm.stubFor(post("/api/documents/bulk_edit/").withRequestBody(containing("modify_tags"))
                    .willReturn(okJson("{\"result\":\"ERROR\"}")));
            // (the newest stub wins: every attempt answers ERROR now)
            assertThatThrownBy(() -> c.documents().bulkEdit(DocumentSelection.of(java.util.List.of(1)), "modify_tags", tags))
                    .isInstanceOf(PaperlessServerException.class).hasMessageContaining("answered {\"result\": \"ERROR\"}");
            wm.verify(6, postRequestedFor(urlEqualTo("/api/documents/bulk_edit/")));
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // issue 20: defects found under real faults

    /**
     * Concurrent first requests through a fresh client against an API 9 server each get 406: every one of them falls
     * back to API 9 and succeeds (before: only the first, the others raised PaperlessApiVersionException).
     */
    @Test
    void concurrentFirstRequestsAgainstAnApi9ServerAllFallBack() throws Exception {
        // the 406 comes late enough that every thread has sent its version-10 request before the first one arrives
        wm.stubFor(post(urlPathEqualTo("/api/documents/post_document/"))
                .withHeader("Accept", equalTo("application/json; version=10"))
                .willReturn(jsonResponse("{\"detail\":\"Invalid version in \\\"Accept\\\" header.\"}", 406)
                        .withFixedDelay(300)));
        wm.stubFor(post(urlPathEqualTo("/api/documents/post_document/"))
                .withHeader("Accept", equalTo("application/json; version=9"))
                .willReturn(okJson("\"0f0f0f0f-1e1e-4d4d-8c8c-7b7b7b7b7b7b\"").withHeader("X-Version", "2.20.15")));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        try (PaperlessClient c = client(config())) {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<String>> uploads = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                byte[] content = ("concurrent first upload " + i).getBytes(StandardCharsets.UTF_8);
                String name = "first-" + i + ".txt";
                uploads.add(pool.submit(() -> {
                    go.await();
                    return c.documents().upload(new UploadRequest(UploadSource.of(content)).fileName(name), false);
                }));
            }
            go.countDown();
            for (java.util.concurrent.Future<String> f : uploads) {
                assertThat(f.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("0f0f0f0f-1e1e-4d4d-8c8c-7b7b7b7b7b7b");
            }
            assertThat(c.apiVersion()).isEqualTo(9);
        } finally {
            pool.shutdownNow();
        }
        wm.verify(10, postRequestedFor(urlPathEqualTo("/api/documents/post_document/"))
                .withHeader("Accept", equalTo("application/json; version=9")));
    }

    /** A DELETE whose answer was lost is sent again; its 404 means the first attempt deleted it: success. */
    @Test
    void aDeleteSentAgainAfterItsAnswerWasLostIsASuccessOn404() throws Exception {
        wm.stubFor(delete(urlPathEqualTo("/api/tags/7/")).inScenario("d").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("gone"));
        wm.stubFor(delete(urlPathEqualTo("/api/tags/7/")).inScenario("d").whenScenarioStateIs("gone")
                .willReturn(jsonResponse("{\"detail\":\"No Tag matches the given query.\"}", 404)));
        try (PaperlessClient c = client(config().apiVersion(ApiVersion.V10))) {
            c.tags().delete(7);
            // a DELETE that was never sent before still reports 404
            wm.stubFor(delete(urlPathEqualTo("/api/tags/8/")).willReturn(
                    jsonResponse("{\"detail\":\"No Tag matches the given query.\"}", 404)));
            assertThatThrownBy(() -> c.tags().delete(8)).isInstanceOf(PaperlessNotFoundException.class);
        }
        wm.verify(2, deleteRequestedFor(urlPathEqualTo("/api/tags/7/")));
    }

    /** A request under way when its client is closed ends in a PaperlessException that says so, not HttpClient's. */
    @Test
    void aRequestUnderWayWhenTheClientClosesSaysTheClientIsClosed() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/tags/1/")).willReturn(okJson(Fixtures.json("tags")).withFixedDelay(1500)));
        PaperlessClient c = client(config().apiVersion(ApiVersion.V10).maxConnections(1, 1));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            // one request holds the only connection, a second waits for it in the pool
            java.util.concurrent.Future<Tag> underWay = pool.submit(() -> c.tags().get(1));
            java.util.concurrent.Future<Tag> waiting = pool.submit(() -> c.tags().get(1));
            io.github.camelpaperless.support.Wait.until(() -> !wm.findAll(getRequestedFor(urlPathEqualTo("/api/tags/1/"))).isEmpty());
            Thread.sleep(100);
            c.close();
            for (java.util.concurrent.Future<Tag> f : List.of(underWay, waiting)) {
                try {
                    f.get(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(PaperlessException.class).hasMessageContaining("client is closed")
                            .isNotInstanceOf(IllegalStateException.class);
                }
            }
            assertThatThrownBy(() -> c.tags().get(1)).isInstanceOf(PaperlessException.class)
                    .hasMessageContaining("client is closed");
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The server's clock decides which tasks came after an upload: with a client clock two hours ahead, a task the
     * server queued for the upload whose answer was lost is still found (before: compared with the client's clock it
     * looked older than the upload, and the file was sent again).
     */
    @Test
    void tasksAreComparedWithTheServersClockNotOurs() throws Exception {
        java.time.Instant serverNow = java.time.Instant.now().minus(Duration.ofHours(2));
        String serverDate = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(serverNow.atZone(java.time.ZoneOffset.UTC));
        String uuid = "3c3c3c3c-4d4d-4e4e-8f8f-1a1a1a1a1a1a";
        wm.stubFor(get(urlPathEqualTo("/api/ui_settings/")).willReturn(okJson("{\"settings\":{}}")
                .withHeader("Date", serverDate).withHeader("X-Version", "3.0.5").withHeader("X-Api-Version", "10")));
        // queued by the server when it received the upload: at its own "now"
        String queued = TaskFixtures.v10(90, uuid, "pending", null, "[]").replaceFirst("\"date_created\":\"[^\"]+\"",
                "\"date_created\":\"" + serverNow.plusSeconds(1) + "\"").replace("invoice.pdf", "skewed.txt");
        wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("name", equalTo("skewed.txt"))
                .willReturn(okJson(TaskFixtures.page(queued)).withHeader("Date", serverDate)));
        wm.stubFor(post(urlPathEqualTo("/api/documents/post_document/"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        try (PaperlessClient c = client(config().apiVersion(ApiVersion.V10))) {
            c.ping();
            assertThat(c.serverNow()).isBetween(serverNow.minusSeconds(5), serverNow.plusSeconds(5));
            DocumentsClient.UploadOutcome out = c.documents().upload(
                    new UploadRequest(UploadSource.of("skewed".getBytes(StandardCharsets.UTF_8))).fileName("skewed.txt"),
                    false, DocumentsClient.DuplicatePolicy.ALLOW);
            assertThat(out.taskId()).isEqualTo(uuid);
            assertThat(out.kind()).isEqualTo(DocumentsClient.UploadKind.RESUMED);
        }
        wm.verify(1, postRequestedFor(urlPathEqualTo("/api/documents/post_document/")));
        // asked from the server's time, not ours
        String after = wm.findAll(getRequestedFor(urlPathEqualTo("/api/tasks/"))).get(0).queryParameter("date_created_after")
                .firstValue();
        assertThat(java.time.Instant.parse(after)).isBefore(serverNow.plusSeconds(5));
    }

    /** The readiness probe is one attempt with its own timeout, whatever the retry policy says. */
    @Test
    void theProbeIsOneAttemptWithinItsOwnTimeout() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/ui_settings/")).willReturn(aResponse().withStatus(503)));
        try (PaperlessClient c = client(config().apiVersion(ApiVersion.V10)
                .retryPolicy(new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(5))))) {
            assertThatThrownBy(() -> c.ping(Duration.ofSeconds(2))).isInstanceOf(PaperlessServerException.class);
            wm.verify(1, getRequestedFor(urlPathEqualTo("/api/ui_settings/")));
            // a server that accepts the connection and never answers: the probe's own timeout, once
            wm.stubFor(get(urlPathEqualTo("/api/ui_settings/")).willReturn(okJson("{}").withFixedDelay(3000)));
            assertThatThrownBy(() -> c.ping(Duration.ofMillis(300))).isInstanceOf(PaperlessTimeoutException.class);
            wm.verify(2, getRequestedFor(urlPathEqualTo("/api/ui_settings/")));
        }
    }
}
