package io.github.camelpaperless.component;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;
import io.github.camelpaperless.support.StreamingProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streaming proven, not assumed: a child JVM limited to 64 MiB of heap uploads and downloads 256 MiB through the
 * component against a local server that discards / generates the bytes. Buffering either body would need four times
 * the heap and fail with OutOfMemoryError.
 */
class StreamingMemoryTest {

    static final long SIZE = 256L * 1024 * 1024;

    private HttpServer server;
    private final AtomicLong received = new AtomicLong();

    @TempDir
    Path tmp;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/ui_settings/", ex -> {
            byte[] body = "{\"user\":{\"id\":1,\"username\":\"probe\"},\"settings\":{},\"permissions\":[]}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.getResponseHeaders().add("X-Version", "3.0.5");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/api/documents/post_document/", ex -> {
            long n = 0;
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = ex.getRequestBody()) {
                int r;
                while ((r = in.read(buf)) > 0) {
                    n += r;
                }
            }
            received.set(n);
            byte[] body = "\"aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee\"".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/api/documents/1/download/", ex -> {
            ex.getResponseHeaders().add("Content-Type", "application/pdf");
            ex.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"big.pdf\"");
            ex.sendResponseHeaders(200, SIZE);
            try (OutputStream out = ex.getResponseBody(); InputStream gen = new StreamingProbe.GeneratedStream(SIZE)) {
                gen.transferTo(out);
            }
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void uploadsAndDownloads256MiBWithA64MiBHeap() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Path out = tmp.resolve("probe.out");
        Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                StreamingProbe.class.getName(), "http://127.0.0.1:" + server.getAddress().getPort(), String.valueOf(SIZE))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        String output = Files.readString(out);
        assertThat(done).as("probe finished: " + output).isTrue();
        assertThat(p.exitValue()).as("probe exit code; output:\n" + tail(output)).isZero();
        assertThat(output).contains("uploaded=aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee").contains("downloaded=" + SIZE);
        assertThat(output).doesNotContain("OutOfMemoryError");
        // the multipart body carries the whole file plus the part headers
        assertThat(received.get()).isGreaterThan(SIZE);
    }

    private static String tail(String s) {
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }
}
