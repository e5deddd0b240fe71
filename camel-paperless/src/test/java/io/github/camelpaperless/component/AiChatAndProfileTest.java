package io.github.camelpaperless.component;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.camelpaperless.client.ChatAnswer;
import io.github.camelpaperless.client.PaperlessAiDisabledException;
import io.github.camelpaperless.client.PaperlessNotFoundException;
import io.github.camelpaperless.client.PaperlessUnsupportedException;
import io.github.camelpaperless.client.PaperlessValidationException;
import io.github.camelpaperless.client.model.AiSuggestions;
import io.github.camelpaperless.client.model.AuthToken;
import io.github.camelpaperless.client.model.Document;
import io.github.camelpaperless.client.model.SocialAccountProvider;
import io.github.camelpaperless.client.model.TotpActivation;
import io.github.camelpaperless.client.model.TotpSetup;
import io.github.camelpaperless.support.Fixtures;
import io.github.camelpaperless.support.PaperlessTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/** AI suggestions, the streamed document chat, TOTP setup, social accounts, tokens with TOTP, selection data. */
class AiChatAndProfileTest extends PaperlessTestSupport {

    static final String AI_OFF = "AI is required for this feature";

    static {
        // the JDK server below answers small writes at once (no Nagle delay)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    @Test
    void aiSuggestionsAreTyped() {
        wm.stubFor(get("/api/documents/7/ai_suggestions/").willReturn(okJson("""
                {"title":"Invoice 2026-11 ACME","correspondents":[3],"suggested_correspondents":["ACME Ltd"],
                 "tags":[1,4],"suggested_tags":["cloud"],"document_types":[2],"suggested_document_types":[],
                 "storage_paths":[],"suggested_storage_paths":["Invoices/2026"],"dates":["2026-11-03"]}""")));
        AiSuggestions s = (AiSuggestions) call("paperless:documents?operation=aiSuggestions", 7);
        assertThat(s.title()).isEqualTo("Invoice 2026-11 ACME");
        assertThat(s.correspondents()).containsExactly(3);
        assertThat(s.suggestedCorrespondents()).containsExactly("ACME Ltd");
        assertThat(s.tags()).containsExactly(1, 4);
        assertThat(s.suggestedStoragePaths()).containsExactly("Invoices/2026");
        assertThat(s.dates()).containsExactly("2026-11-03");
    }

    /** The server answers a text/html 400 when its AI is off: a typed error naming the setting. */
    @Test
    void aiOffIsATypedErrorNamingTheServerSetting() {
        wm.stubFor(get("/api/documents/7/ai_suggestions/").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "text/html; charset=utf-8").withBody(AI_OFF)));
        wm.stubFor(post("/api/documents/chat/").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "text/html; charset=utf-8").withBody(AI_OFF)));
        for (Exchange ex : List.of(
                template.request("paperless:documents?operation=aiSuggestions", e -> e.getMessage().setBody(7)),
                template.request("paperless:documents?operation=chat", e -> e.getMessage().setBody("What is due?")))) {
            assertThat(ex.getException()).isInstanceOf(PaperlessAiDisabledException.class)
                    .isInstanceOf(PaperlessValidationException.class)
                    .hasMessageContaining(AI_OFF).hasMessageContaining("PAPERLESS_AI_ENABLED=true");
        }
        // any other 400 stays a plain validation error
        wm.stubFor(get("/api/documents/8/ai_suggestions/").willReturn(jsonResponse("{\"ai\":[\"Invalid AI configuration.\"]}", 400)));
        Exchange other = template.request("paperless:documents?operation=aiSuggestions", e -> e.getMessage().setBody(8));
        assertThat(other.getException()).isInstanceOf(PaperlessValidationException.class)
                .isNotInstanceOf(PaperlessAiDisabledException.class).hasMessageContaining("Invalid AI configuration.");
    }

    @Test
    void aiNeedsAVersion3ServerAndSaysSoBeforeSending() {
        wm.stubFor(get("/api/ui_settings/").willReturn(okJson(Fixtures.json("ui_settings"))
                .withHeader("X-Api-Version", "9").withHeader("X-Version", "2.20.15")));
        Exchange ex = template.request("paperless:documents?operation=chat", e -> e.getMessage().setBody("Anything?"));
        assertThat(ex.getException()).isInstanceOf(PaperlessUnsupportedException.class)
                .hasMessageContaining("AI suggestions and document chat").hasMessageContaining("2.20.15");
        wm.verify(0, postRequestedFor(urlPathEqualTo("/api/documents/chat/")));
    }

    /**
     * The chat answer streams through the route as the server writes it: the server sends the first line, then waits
     * until the route has seen it, then sends the rest and the references trailer (which never reaches the route as
     * text).
     */
    @Test
    void theChatAnswerStreamsThroughTheRouteBeforeTheServerHasFinished() throws Exception {
        CountDownLatch routeSawFirst = new CountDownLatch(1);
        AtomicBoolean restSentAfterRouteSawFirst = new AtomicBoolean();
        AtomicReference<String> request = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/ui_settings/", h -> answer(h, 200, "application/json", "{\"settings\":{}}"));
        server.createContext("/api/documents/chat/", h -> {
            request.set(new String(h.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            h.getResponseHeaders().add("Content-Type", "text/event-stream");
            h.sendResponseHeaders(200, 0); // chunked
            try (OutputStream out = h.getResponseBody()) {
                // a line and the start of the next, as an AI writes tokens (Camel's line splitter hands a line on
                // once it sees what follows its line end)
                out.write("The invoice is due on 3 December.\nIt was".getBytes(StandardCharsets.UTF_8));
                out.flush();
                restSentAfterRouteSawFirst.set(routeSawFirst.await(20, TimeUnit.SECONDS));
                out.write(" sent by ACME.\n".getBytes(StandardCharsets.UTF_8));
                out.write("Total: 42 €".getBytes(StandardCharsets.UTF_8));
                out.write("\n\n__PAPERLESS_CHAT_METADATA__{\"references\":[{\"id\":7,\"title\":\"ACME invoice\"}]}"
                        .getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        AtomicReference<ChatAnswer> answer = new AtomicReference<>();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        try {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:chat").to("paperless:documents?operation=chat&baseUrl=" + base)
                            .process(e -> answer.set(e.getMessage().getBody(ChatAnswer.class)))
                            .split(body().tokenize("\n")).streaming()
                            .process(e -> {
                                lines.add(e.getMessage().getBody(String.class));
                                routeSawFirst.countDown();
                            });
                }
            });
            template.sendBodyAndHeader("direct:chat", "When is the ACME invoice due?", PaperlessConstants.ID, 7);
        } finally {
            server.stop(0);
        }
        assertThat(restSentAfterRouteSawFirst).as("the route saw the first line before the server sent the rest").isTrue();
        assertThat(lines).containsExactly("The invoice is due on 3 December.", "It was sent by ACME.", "Total: 42 €");
        assertThat(answer.get().references()).singleElement()
                .satisfies(r -> assertThat(r.id()).isEqualTo(7))
                .satisfies(r -> assertThat(r.title()).isEqualTo("ACME invoice"));
        JsonNode sent = new ObjectMapper().readTree(request.get());
        assertThat(sent.path("q").asText()).isEqualTo("When is the ACME invoice due?");
        assertThat(sent.path("document_id").asInt()).isEqualTo(7);
    }

    private static void answer(HttpExchange h, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        h.getResponseHeaders().add("Content-Type", type);
        h.getResponseHeaders().add("X-Version", "3.0.5");
        h.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = h.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void chatWithoutAQuestionFailsBeforeAnyRequest() {
        Exchange ex = template.request("paperless:documents?operation=chat", e -> e.getMessage().setBody(" "));
        assertThat(ex.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a question").hasMessageContaining(PaperlessConstants.QUERY);
        wm.verify(0, postRequestedFor(urlPathEqualTo("/api/documents/chat/")));
    }

    @Test
    void totpIsSetUpActivatedAndDeactivatedOnTheProfile() {
        wm.stubFor(get("/api/profile/totp/").willReturn(okJson(
                "{\"url\":\"otpauth://totp/Paperless:admin?secret=JBSWY3DPEHPK3PXP&issuer=Paperless\","
                + "\"qr_svg\":\"<svg/>\",\"secret\":\"JBSWY3DPEHPK3PXP\"}")));
        wm.stubFor(post("/api/profile/totp/").willReturn(okJson("{\"success\":true,\"recovery_codes\":[\"a1b2c3\",\"d4e5f6\"]}")));
        wm.stubFor(delete("/api/profile/totp/").willReturn(okJson("true")));
        TotpSetup setup = (TotpSetup) call("paperless:profile?operation=setupTotp", null);
        assertThat(setup.secret()).isEqualTo("JBSWY3DPEHPK3PXP");
        assertThat(setup.url()).startsWith("otpauth://totp/");
        assertThat(setup.toString()).doesNotContain("JBSWY3DPEHPK3PXP");
        TotpActivation on = (TotpActivation) call("paperless:profile?operation=activateTotp",
                Map.of("secret", setup.secret(), "code", "123456"));
        assertThat(on.success()).isTrue();
        assertThat(on.recoveryCodes()).containsExactly("a1b2c3", "d4e5f6");
        wm.verify(postRequestedFor(urlPathEqualTo("/api/profile/totp/"))
                .withRequestBody(equalToJson("{\"secret\":\"JBSWY3DPEHPK3PXP\",\"code\":\"123456\"}")));
        assertThat(call("paperless:profile?operation=deactivateTotp", null)).isEqualTo(true);

        wm.stubFor(delete("/api/profile/totp/").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "text/html; charset=utf-8").withBody("TOTP not found")));
        Exchange off = template.request("paperless:profile?operation=deactivateTotp", e -> { });
        assertThat(off.getException()).isInstanceOf(PaperlessNotFoundException.class).hasMessageContaining("TOTP not found");
        Exchange bad = template.request("paperless:profile?operation=activateTotp", e -> e.getMessage().setBody(Map.of("code", "1")));
        assertThat(bad.getException()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("setupTotp");
    }

    @Test
    void socialAccountProvidersAndDisconnect() {
        wm.stubFor(get("/api/profile/social_account_providers/").willReturn(okJson(
                "[{\"name\":\"Keycloak\",\"login_url\":\"/accounts/oidc/keycloak/login/?process=connect\"}]")));
        wm.stubFor(post("/api/profile/disconnect_social_account/").withRequestBody(equalToJson("{\"id\":5}"))
                .willReturn(okJson("5")));
        wm.stubFor(post("/api/profile/disconnect_social_account/").withRequestBody(equalToJson("{\"id\":6}"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/html; charset=utf-8")
                        .withBody("Social account not found")));
        @SuppressWarnings("unchecked")
        List<SocialAccountProvider> providers = (List<SocialAccountProvider>) call(
                "paperless:profile?operation=socialAccountProviders", null);
        assertThat(providers).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("Keycloak");
            assertThat(p.loginUrl()).contains("process=connect");
        });
        assertThat(call("paperless:profile?operation=disconnectSocialAccount", 5)).isEqualTo(5);
        Exchange ex = template.request("paperless:profile?operation=disconnectSocialAccount", e -> e.getMessage().setBody(6));
        assertThat(ex.getException()).isInstanceOf(PaperlessValidationException.class)
                .hasMessageContaining("Social account not found");
    }

    @Test
    void aTokenForAUserWithTotpTakesTheCode() {
        wm.stubFor(post("/api/token/").withRequestBody(equalToJson("{\"username\":\"erin\",\"password\":\"pw\",\"code\":\"654321\"}"))
                .willReturn(okJson("{\"token\":\"0123456789abcdef\"}")));
        wm.stubFor(post("/api/token/").withRequestBody(equalToJson("{\"username\":\"erin\",\"password\":\"pw\"}"))
                .willReturn(jsonResponse("{\"non_field_errors\":[\"MFA code is required\"]}", 400)));
        // as a real server does: the TOTP user's password in a header is refused everywhere, the version probe included
        context.getComponent("paperless", PaperlessComponent.class).getConfiguration().setToken(null);
        wm.stubFor(get("/api/ui_settings/").atPriority(1).withHeader("Authorization", matching("Basic .*"))
                .willReturn(jsonResponse("{\"detail\":\"MFA required\"}", 401)));
        AuthToken t = (AuthToken) call("paperless:token?operation=create&username=erin&password=pw", Map.of("code", "654321"));
        assertThat(t.token()).isEqualTo("0123456789abcdef");
        Exchange ex = template.request("paperless:token?operation=create&username=erin&password=pw", e -> { });
        assertThat(ex.getException()).isInstanceOf(PaperlessValidationException.class).hasMessageContaining("MFA code is required");
        // the credentials travel in the body only: a real server answers 401 "MFA required" to a TOTP user's password
        // in an Authorization header (the component's token is not sent either)
        wm.verify(2, postRequestedFor(urlPathEqualTo("/api/token/")).withoutHeader("Authorization"));
    }

    @Test
    void aDocumentsPageCarriesTheSelectionDataWhenAskedFor() {
        wm.stubFor(get(urlPathEqualTo("/api/documents/")).withQueryParam("include_selection_data", equalTo("true"))
                .willReturn(okJson(Fixtures.page(1, null, null, Fixtures.json("documents")).replaceFirst("\\}$",
                        ",\"selection_data\":{\"selected_correspondents\":[{\"id\":3,\"document_count\":1}],"
                        + "\"selected_tags\":[],\"selected_document_types\":[],\"selected_storage_paths\":[],"
                        + "\"selected_custom_fields\":[]}}"))));
        Exchange ex = template.request("paperless:documents?operation=page&includeSelectionData=true", e -> { });
        assertThat(ex.getException()).isNull();
        assertThat(ex.getMessage().getBody(List.class)).singleElement().isInstanceOf(Document.class);
        JsonNode sel = ex.getMessage().getHeader(PaperlessConstants.SELECTION_DATA, JsonNode.class);
        assertThat(sel.path("selected_correspondents").get(0).path("document_count").asInt()).isEqualTo(1);

        // without it: no header
        wm.stubFor(get(urlPathEqualTo("/api/documents/")).atPriority(9)
                .willReturn(okJson(Fixtures.page(1, null, null, Fixtures.json("documents")))));
        Exchange plain = template.request("paperless:documents?operation=page", e -> { });
        assertThat(plain.getMessage().getHeader(PaperlessConstants.SELECTION_DATA)).isNull();
    }

    @Test
    void selectionDataOnAVersion2ServerFailsInsteadOfBeingIgnored() {
        wm.stubFor(get("/api/ui_settings/").willReturn(okJson(Fixtures.json("ui_settings"))
                .withHeader("X-Api-Version", "9").withHeader("X-Version", "2.20.15")));
        Exchange ex = template.request("paperless:documents?operation=page&includeSelectionData=true", e -> { });
        assertThat(ex.getException()).isInstanceOf(PaperlessUnsupportedException.class)
                .hasMessageContaining("include_selection_data").hasMessageContaining("2.20.15");
        wm.verify(0, getRequestedFor(urlPathEqualTo("/api/documents/")));
    }
}
