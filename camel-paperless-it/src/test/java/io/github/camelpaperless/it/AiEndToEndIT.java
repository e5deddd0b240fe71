package io.github.camelpaperless.it;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelpaperless.client.PaperlessUnsupportedException;
import io.github.camelpaperless.client.model.AiSuggestions;
import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.it.support.FakeOpenAi;
import io.github.camelpaperless.it.support.RealServer;
import io.github.camelpaperless.it.support.RealServerTest;
import io.github.camelpaperless.it.support.Routes;
import org.apache.camel.Exchange;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's AI switched on (through {@code paperless:config}) against an OpenAI-compatible model on loopback
 * ({@link FakeOpenAi}): AI suggestions end to end, and the document chat through a real server's streaming response.
 */
class AiEndToEndIT {

    /** What Paperless-ngx 3.0.5 streams when its chat cannot run (paperless_ai/chat.py CHAT_ERROR_MESSAGE). */
    static final String SERVER_APOLOGY = "Sorry, something went wrong while generating a response.";

    @RealServerTest
    void aiSuggestionsAndChatWithTheServersAiOn(RealServer s) throws Exception {
        Routes r = new Routes(s);
        if (!s.isV3()) {
            // Paperless-ngx 2.x has no AI (also in AiTotpAndSelectionIT)
            assertThat(r.failure("paperless:documents?operation=aiSuggestions", 1))
                    .isInstanceOf(PaperlessUnsupportedException.class);
            return;
        }
        String why = s.servers().ensureAiStack(s);
        if (why != null) {
            if (Boolean.getBoolean("paperless.it.require")) {
                throw new AssertionError(why + " (-Dpaperless.it.require=true)");
            }
            throw new TestAbortedException(why);
        }
        try (FakeOpenAi ai = FakeOpenAi.start()) {
            String tagName = s.unique("ai-known-tag");
            int tag = s.create("tags", "t", Map.of("name", tagName)).path("id").asInt();
            String newTag = s.unique("ai-new-tag");
            String correspondent = s.unique("ACME AI");
            ai.classifies(Map.of("title", "Invoice 2026-11 from ACME", "tags", List.of(tagName, newTag),
                    "correspondents", List.of(correspondent), "document_types", List.of(), "storage_paths", List.of(),
                    "dates", List.of("2026-11-03")));
            switchAiOn(s, r, ai);

            String content = s.unique("Invoice 2026-11 ACME total 42 EUR");
            int doc = s.uploadText(s.unique("ai-doc"), content);
            AiSuggestions suggestions = (AiSuggestions) r.body("paperless:documents?operation=aiSuggestions", doc);
            assertThat(suggestions.title()).isEqualTo("Invoice 2026-11 from ACME");
            // the server matched the known tag name to its id; the unknown names stay suggestions
            assertThat(suggestions.tags()).containsExactly(tag);
            assertThat(suggestions.suggestedTags()).containsExactly(newTag);
            assertThat(suggestions.suggestedCorrespondents()).containsExactly(correspondent);
            assertThat(suggestions.dates()).containsExactly("2026-11-03");
            JsonNode asked = ai.requests().stream().filter(q -> q.path("_path").asText().endsWith("/chat/completions"))
                    .findFirst().orElseThrow();
            assertThat(asked.path("model").asText()).isEqualTo("fake-model");
            assertThat(asked.path("tools").path(0).path("function").path("name").asText()).isEqualTo("DocumentClassifierSchema");
            assertThat(asked.path("messages").toString()).contains(content);

            // the chat: the route reads the server's streamed answer to its end. The servers of this build cannot
            // run the chat itself: it needs a vector index in sqlite-vec, which their Python (built without SQLite
            // extension loading) cannot load, so Paperless streams its apology — still a real chat response.
            ai.answers(List.of("The invoice ", "is due on 3 December."));
            Exchange ex = r.read("paperless:documents?operation=chat", "When is it due?", PaperlessConstants.ID, doc);
            assertThat(ex.getException()).isNull();
            String text = new String(ex.getMessage().getBody(byte[].class), StandardCharsets.UTF_8);
            assertThat(text).isIn("The invoice is due on 3 December.", SERVER_APOLOGY);
        }
    }

    private static void switchAiOn(RealServer s, Routes r, FakeOpenAi ai) {
        JsonNode before = r.json("paperless:config?operation=get", null);
        Map<String, Object> restore = new HashMap<>();
        for (String field : List.of("ai_enabled", "llm_backend", "llm_endpoint", "llm_model")) {
            JsonNode v = before.path(field);
            restore.put(field, v.isNull() || v.isMissingNode() ? null : v.isBoolean() ? v.asBoolean() : v.asText());
        }
        restore.put("llm_api_key", null);
        s.cleanup(() -> r.call("paperless:config?operation=update", restore));
        JsonNode on = r.json("paperless:config?operation=update", Map.of("ai_enabled", true, "llm_backend", "openai-like",
                "llm_endpoint", ai.endpoint(), "llm_model", "fake-model", "llm_api_key", "not-a-real-key"));
        assertThat(on.path("ai_enabled").asBoolean()).isTrue();
        assertThat(on.path("llm_api_key").asText()).doesNotContain("not-a-real-key");
    }
}
