package io.github.camelpaperless.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.github.camelpaperless.client.Checksums;
import io.github.camelpaperless.client.PaperlessClient;
import io.github.camelpaperless.client.PaperlessClientConfig;
import io.github.camelpaperless.client.PaperlessJson;
import io.github.camelpaperless.client.Query;
import io.github.camelpaperless.client.UploadRequest;
import io.github.camelpaperless.client.UploadSource;
import io.github.camelpaperless.client.model.Document;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Client hot paths: reading a page of 100 documents, encoding a filter query, checksumming 1 MiB, and a streamed 1 MiB
 * upload plus a 1 MiB download over loopback against a JDK HTTP server that discards / generates the bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ClientBenchmarks {

    static final int MIB = 1024 * 1024;

    private final ObjectMapper mapper = PaperlessJson.mapper();
    private JavaType docs;
    private String page;
    private byte[] pageOf1000;
    private byte[] oneMiB;
    private HttpServer server;
    private PaperlessClient client;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        docs = mapper.getTypeFactory().constructCollectionType(List.class, Document.class);
        StringBuilder sb = new StringBuilder("[");
        for (int i = 1; i <= 100; i++) {
            sb.append(i > 1 ? "," : "").append("{\"id\":").append(i).append(",\"correspondent\":7,\"document_type\":4,"
                    + "\"storage_path\":null,\"title\":\"Invoice ").append(i).append("\",\"content\":\"ACME Corp invoice text ")
                    .append("x".repeat(400)).append("\",\"tags\":[1,9],\"created\":\"2026-10-02\",\"modified\":\"2026-11-20T07:16:11.874213Z\","
                    + "\"added\":\"2026-11-20T07:15:03.512000Z\",\"deleted_at\":null,\"archive_serial_number\":").append(i)
                    .append(",\"original_file_name\":\"invoice.pdf\",\"archived_file_name\":\"invoice.pdf\",\"owner\":3,"
                            + "\"user_can_change\":true,\"is_shared_by_requester\":false,\"notes\":[],"
                            + "\"custom_fields\":[{\"field\":5,\"value\":\"aB3dE5gH7jK9mN1p\"}],\"page_count\":2,"
                            + "\"mime_type\":\"application/pdf\",\"root_document\":null,\"versions\":[],\"duplicate_documents\":[]}");
        }
        page = sb.append("]").toString();
        // a DRF page of 1000 such documents, as GET /api/documents/?page_size=1000 answers
        StringBuilder big = new StringBuilder("{\"count\":1000,\"next\":null,\"previous\":null,\"results\":[");
        String items = page.substring(1, page.length() - 1);
        for (int i = 0; i < 10; i++) {
            big.append(i > 0 ? "," : "").append(items);
        }
        pageOf1000 = big.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        oneMiB = new byte[MIB];
        for (int i = 0; i < oneMiB.length; i++) {
            oneMiB[i] = (byte) (i * 31);
        }
        // the JDK server otherwise answers small bodies with Nagle on, which adds a 40 ms delayed-ACK stall per request
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/api/documents/post_document/", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            byte[] b = "\"aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee\"".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.createContext("/api/documents/", ex -> {
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, pageOf1000.length);
            ex.getResponseBody().write(pageOf1000);
            ex.close();
        });
        server.createContext("/api/documents/1/download/", ex -> {
            ex.getResponseHeaders().add("Content-Type", "application/pdf");
            ex.sendResponseHeaders(200, oneMiB.length);
            ex.getResponseBody().write(oneMiB);
            ex.close();
        });
        server.start();
        client = new PaperlessClient(PaperlessClientConfig.builder("http://127.0.0.1:" + server.getAddress().getPort())
                .token("bench").apiVersion(io.github.camelpaperless.client.ApiVersion.V10).build());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        client.close();
        server.stop(0);
    }

    @Benchmark
    public List<Document> readPageOf100Documents() throws IOException {
        return mapper.readValue(page, docs);
    }

    /** The client end to end: one GET of a page of 1000 documents (≈ 1.2 MB) into models, over loopback. */
    @Benchmark
    public int clientPageOf1000Documents() {
        return client.documents().page(null, 1).items().size();
    }

    @Benchmark
    public String encodeFilterQuery() {
        return Query.create().set("tags__id__all", List.of(1, 9, 12)).set("title__icontains", "invoice 2026")
                .set("added__gte", "2026-11-20T07:15:03Z").set("ordering", "added,id").set("page_size", 100).encode();
    }

    @Benchmark
    public Checksums checksumOneMiB() {
        return Checksums.of(oneMiB);
    }

    @Benchmark
    public String uploadOneMiB() {
        return client.documents().upload(new UploadRequest(UploadSource.of(new java.io.ByteArrayInputStream(oneMiB)))
                .fileName("bench.pdf"), false);
    }

    @Benchmark
    public long downloadOneMiB() throws IOException {
        try (var d = client.documents().download(1, false)) {
            return d.stream().transferTo(java.io.OutputStream.nullOutputStream());
        }
    }
}
