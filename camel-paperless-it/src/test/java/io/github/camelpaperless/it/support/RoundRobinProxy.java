package io.github.camelpaperless.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The load balancer in front of several replicas (one URL for Paperless to call): each request goes to the next
 * upstream in turn; one that refuses the connection (a killed replica) is skipped, as nginx' default
 * {@code proxy_next_upstream error} does; {@code 502} when none answers. Counts what each upstream answered.
 */
public final class RoundRobinProxy implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final HttpServer server;
    private final List<Integer> upstreams;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();

    public RoundRobinProxy(List<Integer> upstreamPorts) throws IOException {
        this.upstreams = List.copyOf(upstreamPorts);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::forward);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers by upstream and status ({@code <port> <status>}; {@code none 502}). */
    public Map<String, Integer> answered() {
        Map<String, Integer> m = new java.util.TreeMap<>();
        answered.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    private void forward(HttpExchange in) throws IOException {
        byte[] body;
        try (InputStream is = in.getRequestBody()) {
            body = is.readAllBytes();
        }
        int start = Math.floorMod(next.getAndIncrement(), upstreams.size());
        for (int i = 0; i < upstreams.size(); i++) {
            int port = upstreams.get((start + i) % upstreams.size());
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + in.getRequestURI()))
                    .timeout(Duration.ofSeconds(10))
                    .method(in.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            in.getRequestHeaders().forEach((h, values) -> {
                if (h.equalsIgnoreCase("Content-Type") || h.toLowerCase().startsWith("x-")) {
                    values.forEach(v -> b.header(h, v));
                }
            });
            HttpResponse<byte[]> r;
            try {
                r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (java.net.ConnectException e) {
                continue; // the replica is down: the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (IOException e) {
                continue;
            }
            answered.computeIfAbsent(port + " " + r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
            reply(in, r.statusCode(), r.body());
            return;
        }
        answered.computeIfAbsent("none 502", k -> new AtomicInteger()).incrementAndGet();
        reply(in, 502, "no replica answered".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void reply(HttpExchange in, int status, byte[] body) throws IOException {
        in.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream os = in.getResponseBody()) {
            os.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
