package io.github.camelpaperless.it.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OpenAI-compatible model on loopback for the servers' AI ({@code llm_backend=openai-like}): answers
 * {@code POST /v1/chat/completions} with a tool call carrying the classification it was given (what Paperless-ngx's
 * {@code run_llm_query} asks for), or, with {@code stream=true}, with the given tokens as server-sent events; and
 * {@code POST /v1/embeddings} with small fixed vectors. Records every request.
 */
public final class FakeOpenAi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private volatile Map<String, Object> classification = Map.of("title", "");
    private volatile List<String> tokens = List.of("");

    private FakeOpenAi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/", this::handle);
        server.start();
    }

    public static FakeOpenAi start() throws IOException {
        return new FakeOpenAi();
    }

    /** The base URL Paperless-ngx is given ({@code llm_endpoint}). */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** What the model "finds" in a document: title, tags, correspondents, document_types, storage_paths, dates. */
    public FakeOpenAi classifies(Map<String, Object> result) {
        this.classification = result;
        return this;
    }

    /** What the model streams as a chat answer. */
    public FakeOpenAi answers(List<String> chunks) {
        this.tokens = chunks;
        return this;
    }

    /** Every request body, with its path under {@code _path}. */
    public List<JsonNode> requests() {
        return requests;
    }

    private void handle(HttpExchange h) throws IOException {
        try (h) {
            ObjectNode body = (ObjectNode) JSON.readTree(h.getRequestBody());
            body.put("_path", h.getRequestURI().getPath());
            requests.add(body);
            String path = h.getRequestURI().getPath();
            if (path.endsWith("/embeddings")) {
                JsonNode input = body.path("input");
                int n = input.isArray() ? input.size() : 1;
                ArrayNode data = JSON.createArrayNode();
                for (int i = 0; i < n; i++) {
                    data.addObject().put("object", "embedding").put("index", i)
                            .set("embedding", JSON.valueToTree(List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)));
                }
                ObjectNode out = JSON.createObjectNode().put("object", "list").put("model", body.path("model").asText());
                out.set("data", data);
                out.set("usage", JSON.valueToTree(Map.of("prompt_tokens", 1, "total_tokens", 1)));
                json(h, out);
            } else if (path.endsWith("/chat/completions") && body.path("stream").asBoolean()) {
                h.getResponseHeaders().add("Content-Type", "text/event-stream");
                h.sendResponseHeaders(200, 0);
                OutputStream out = h.getResponseBody();
                for (String token : tokens) {
                    event(out, chunk(Map.of("role", "assistant", "content", token), null));
                }
                event(out, chunk(Map.of(), "stop"));
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
            } else if (path.endsWith("/chat/completions")) {
                String tool = body.path("tools").path(0).path("function").path("name").asText("DocumentClassifierSchema");
                Map<String, Object> call = Map.of("id", "call_1", "type", "function", "function",
                        Map.of("name", tool, "arguments", JSON.writeValueAsString(classification)));
                Map<String, Object> message = new java.util.HashMap<>(Map.of("role", "assistant", "tool_calls", List.of(call)));
                message.put("content", null);
                json(h, JSON.valueToTree(Map.of("id", "chatcmpl-1", "object", "chat.completion", "created", 1,
                        "model", body.path("model").asText(), "choices",
                        List.of(Map.of("index", 0, "message", message, "finish_reason", "tool_calls")),
                        "usage", Map.of("prompt_tokens", 1, "completion_tokens", 1, "total_tokens", 2))));
            } else {
                h.sendResponseHeaders(404, -1);
            }
        }
    }

    private static JsonNode chunk(Map<String, Object> delta, String finish) {
        Map<String, Object> choice = new java.util.HashMap<>(Map.of("index", 0, "delta", delta));
        choice.put("finish_reason", finish);
        return JSON.valueToTree(Map.of("id", "chatcmpl-2", "object", "chat.completion.chunk", "created", 1,
                "model", "fake", "choices", List.of(choice)));
    }

    private static void event(OutputStream out, JsonNode data) throws IOException {
        out.write(("data: " + JSON.writeValueAsString(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void json(HttpExchange h, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        h.getResponseHeaders().add("Content-Type", "application/json");
        h.sendResponseHeaders(200, bytes.length);
        h.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
