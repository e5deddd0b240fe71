package io.github.camelpaperless.benchmarks.sidebyside;

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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A reverse proxy on loopback in front of a real Paperless-ngx that counts what a contender asks of the server: requests
 * (task looks apart), bytes sent (request line, headers, body) and bytes received (headers, body). Every contender
 * talking HTTP goes through it, so the counts are the same measure for all.
 */
final class CountingProxy implements AutoCloseable {

    private static final Set<String> HOP = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "date");

    final AtomicLong requests = new AtomicLong();
    final AtomicLong taskRequests = new AtomicLong();
    final AtomicLong bytesSent = new AtomicLong();
    final AtomicLong bytesReceived = new AtomicLong();
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(32);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    private final String target;

    CountingProxy(String target) throws IOException {
        this.target = target.replaceAll("/+$", "");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::forward);
        server.setExecutor(pool);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void reset() {
        requests.set(0);
        taskRequests.set(0);
        bytesSent.set(0);
        bytesReceived.set(0);
    }

    private void forward(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            String query = ex.getRequestURI().getRawQuery();
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            long sent = ex.getRequestMethod().length() + path.length() + (query == null ? 0 : query.length() + 1) + 11L
                        + body.length;
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target + path + (query == null ? "" : "?" + query)))
                    .timeout(Duration.ofMinutes(10))
                    .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
                for (String v : h.getValue()) {
                    sent += h.getKey().length() + v.length() + 4;
                    if (!HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                        b.header(h.getKey(), v);
                    }
                }
            }
            requests.incrementAndGet();
            if (path.startsWith("/api/tasks/")) {
                taskRequests.incrementAndGet();
            }
            bytesSent.addAndGet(sent);
            HttpResponse<byte[]> r;
            try {
                r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ex.sendResponseHeaders(502, -1);
                return;
            } catch (IOException e) {
                ex.sendResponseHeaders(502, -1);
                return;
            }
            long received = 15 + r.body().length;
            for (Map.Entry<String, List<String>> h : r.headers().map().entrySet()) {
                if (h.getKey().startsWith(":") || HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                    continue;
                }
                for (String v : h.getValue()) {
                    received += h.getKey().length() + v.length() + 4;
                    ex.getResponseHeaders().add(h.getKey(), v);
                }
            }
            bytesReceived.addAndGet(received);
            ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
            if (r.body().length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(r.body());
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
