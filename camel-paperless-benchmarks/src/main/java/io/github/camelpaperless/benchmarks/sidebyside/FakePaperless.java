package io.github.camelpaperless.benchmarks.sidebyside;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A fast fake Paperless-ngx for the side-by-side benchmarks (loopback only): pre-rendered v10-shaped documents (about
 * 600 characters of content each), pages of any size written straight from those bytes, an upload endpoint that
 * discards the body, tasks, streamed downloads of any size, and a request log per path template (count, bytes in and
 * out). Documents added through {@code /__bench/add} (the consumer scenario) are served with the filters the consumers
 * use. Its own ceiling is measured by {@link Ceiling}.
 */
public final class FakePaperless implements AutoCloseable {

    private static final byte[] UUID_ANSWER = "\"5b2c9a1e-3d4f-4a6b-9c8d-7e6f5a4b3c2d\"".getBytes(StandardCharsets.UTF_8);
    private static final OffsetDateTime BASE = OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(16, r -> {
        Thread t = new Thread(r, "fake-paperless");
        t.setDaemon(true);
        return t;
    });
    /** The bulk documents, rendered once: id i+1 at index i. */
    private final byte[][] rendered;
    private final String[] added;
    /** When the documents added while running (consumer scenario) were added; id 10,000,001 at index 0. */
    private final List<String> liveAdded = new CopyOnWriteArrayList<>();
    private final int tasks;
    private volatile long uploadDelayMs;
    private volatile long pageDelayMs;
    private volatile long downloadBytes = 1 << 20;
    private final Map<String, LongAdder[]> log = new ConcurrentHashMap<>();

    public FakePaperless(int documents, int tasks) throws IOException {
        this.rendered = new byte[documents][];
        this.added = new String[documents];
        this.tasks = tasks;
        String content = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(11).substring(0, 600);
        for (int i = 0; i < documents; i++) {
            int id = i + 1;
            added[i] = BASE.plusSeconds(id).toString();
            rendered[i] = document(id, added[i], content).getBytes(StandardCharsets.UTF_8);
        }
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            // without it the JDK server holds small answers back (Nagle + delayed ACK: ~40 ms per request)
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
    }

    static String document(int id, String added, String content) {
        return "{\"id\":" + id + ",\"correspondent\":3,\"document_type\":2,\"storage_path\":null,\"title\":\"Invoice "
               + id + "\",\"content\":\"" + content + "\",\"tags\":[1,4],\"created\":\"2025-03-01\",\"created_date\":"
               + "\"2025-03-01\",\"modified\":\"" + added + "\",\"added\":\"" + added + "\",\"deleted_at\":null,"
               + "\"archive_serial_number\":null,\"original_file_name\":\"invoice-" + id + ".pdf\",\"archived_file_name\":"
               + "\"invoice-" + id + ".pdf\",\"owner\":3,\"user_can_change\":true,\"is_shared_by_requester\":false,"
               + "\"notes\":[],\"custom_fields\":[{\"field\":5,\"value\":\"aB3dE5gH7jK9mN1p\"}],\"page_count\":2,"
               + "\"mime_type\":\"application/pdf\",\"root_document\":null,\"versions\":[],\"duplicate_documents\":[]}";
    }

    public FakePaperless start() {
        server.start();
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public int documents() {
        return rendered.length;
    }

    public void uploadDelayMs(long ms) {
        uploadDelayMs = ms;
    }

    /** Server time per page of documents (a real Paperless takes tens to hundreds of ms per page). */
    public void pageDelayMs(long ms) {
        pageDelayMs = ms;
    }

    public void downloadBytes(long bytes) {
        downloadBytes = bytes;
    }

    /** Adds documents now (consumer scenario). */
    public void add(int n) {
        for (int i = 0; i < n; i++) {
            liveAdded.add(OffsetDateTime.now(ZoneOffset.UTC).toString());
        }
    }

    /** Requests per path template: count, bytes in, bytes out. */
    public Map<String, long[]> log() {
        Map<String, long[]> out = new TreeMap<>();
        log.forEach((k, v) -> out.put(k, new long[] { v[0].sum(), v[1].sum(), v[2].sum() }));
        return out;
    }

    public void resetLog() {
        log.clear();
    }

    /** Totals of the log: requests, bytes out (answers). */
    public long[] totals() {
        long r = 0, b = 0;
        for (long[] v : log().values()) {
            r += v[0];
            b += v[2];
        }
        return new long[] { r, b };
    }

    private void record(String template, long in, long out) {
        LongAdder[] a = log.computeIfAbsent(template, k -> new LongAdder[] { new LongAdder(), new LongAdder(), new LongAdder() });
        a[0].increment();
        a[1].add(in);
        a[2].add(out);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            URI uri = ex.getRequestURI();
            String path = uri.getPath();
            Map<String, String> q = query(uri.getRawQuery());
            long in;
            try (InputStream body = ex.getRequestBody()) {
                in = body.transferTo(OutputStream.nullOutputStream());
            }
            String accept = ex.getRequestHeaders().getFirst("Accept");
            boolean v9 = accept != null && accept.contains("version=9");
            String method = ex.getRequestMethod();
            String template = method + " " + path.replaceAll("/\\d+/", "/{id}/");
            long out;
            if (path.equals("/api/documents/post_document/")) {
                sleep(uploadDelayMs);
                out = json(ex, UUID_ANSWER);
            } else if (path.equals("/api/documents/") && isBulkPage(q)) {
                sleep(pageDelayMs);
                out = bulkPage(ex, q, v9);
            } else if (path.equals("/api/documents/")) {
                out = livePage(ex, q);
            } else if (path.matches("/api/documents/\\d+/download/")) {
                // document 2 is the 64 MiB warm-up download
                out = download(ex, path.equals("/api/documents/2/download/") ? 64L << 20 : downloadBytes);
            } else if (path.matches("/api/documents/\\d+/")) {
                int id = Integer.parseInt(path.replaceAll("\\D", ""));
                out = json(ex, documentJson(id).getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/api/tasks/")) {
                out = tasks(ex, q, v9);
            } else if (path.equals("/api/ui_settings/") || path.equals("/api/schema/") || path.equals("/api/")) {
                ex.getResponseHeaders().add("X-Api-Version", "10");
                ex.getResponseHeaders().add("X-Version", "3.0.5");
                out = json(ex, "{\"user\":{\"id\":1,\"username\":\"bench\"},\"settings\":{},\"openapi\":\"3.0.3\"}"
                        .getBytes(StandardCharsets.UTF_8));
            } else {
                out = 0;
                ex.sendResponseHeaders(404, -1);
            }
            if (!path.startsWith("/__bench")) {
                record(template, in, out);
            }
        } catch (RuntimeException e) {
            ex.sendResponseHeaders(500, -1);
        }
    }

    private boolean isBulkPage(Map<String, String> q) {
        return !q.containsKey("added__gte") && !q.containsKey("id__in") && !q.containsKey("fields")
               && !q.containsKey("ordering");
    }

    private String documentJson(int id) {
        if (id >= 10_000_000) {
            int i = id - 10_000_001;
            return document(id, liveAdded.get(i), "added while running");
        }
        return new String(rendered[id - 1], StandardCharsets.UTF_8);
    }

    /** A page of the bulk documents, written from the pre-rendered bytes. */
    private long bulkPage(HttpExchange ex, Map<String, String> q, boolean v9) throws IOException {
        int size = Integer.parseInt(q.getOrDefault("page_size", "25"));
        int page = Integer.parseInt(q.getOrDefault("page", "1"));
        int from = (page - 1) * size;
        int to = Math.min(rendered.length, from + size);
        String next = to < rendered.length
                ? "\"http://" + ex.getRequestHeaders().getFirst("Host") + "/api/documents/?page=" + (page + 1) + "&page_size="
                  + size + "\""
                : "null";
        byte[] head = ("{\"count\":" + rendered.length + ",\"next\":" + next + ",\"previous\":null,"
                       + (v9 ? "\"all\":[" + allIds() + "]," : "") + "\"results\":[").getBytes(StandardCharsets.UTF_8);
        long length = head.length + 2;
        for (int i = from; i < to; i++) {
            length += rendered[i].length + (i > from ? 1 : 0);
        }
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, length);
        try (OutputStream o = new BufferedOutputStream(ex.getResponseBody(), 1 << 16)) {
            o.write(head);
            for (int i = from; i < to; i++) {
                if (i > from) {
                    o.write(',');
                }
                o.write(rendered[i]);
            }
            o.write(']');
            o.write('}');
        }
        return length;
    }

    private String allIds() {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= rendered.length; i++) {
            sb.append(i > 1 ? "," : "").append(i);
        }
        return sb.toString();
    }

    /** The consumers' listings (sparse, filtered, ordered by added) over the bulk and the live documents. */
    private long livePage(HttpExchange ex, Map<String, String> q) throws IOException {
        List<Integer> ids = new ArrayList<>();
        String gte = q.get("added__gte");
        OffsetDateTime min = gte == null ? null : OffsetDateTime.parse(gte);
        String idIn = q.get("id__in");
        List<String> wanted = idIn == null ? null : List.of(idIn.split(","));
        if (min == null || !OffsetDateTime.parse(added[added.length - 1]).isBefore(min)) {
            for (int i = 0; i < rendered.length; i++) {
                if ((min == null || !OffsetDateTime.parse(added[i]).isBefore(min))
                        && (wanted == null || wanted.contains(String.valueOf(i + 1)))) {
                    ids.add(i + 1);
                }
            }
        }
        for (int i = 0; i < liveAdded.size(); i++) {
            int id = 10_000_001 + i;
            if ((min == null || !OffsetDateTime.parse(liveAdded.get(i)).isBefore(min))
                    && (wanted == null || wanted.contains(String.valueOf(id)))) {
                ids.add(id);
            }
        }
        if ("-added,-id".equals(q.get("ordering"))) {
            java.util.Collections.reverse(ids);
        }
        int size = Integer.parseInt(q.getOrDefault("page_size", "25"));
        int page = Integer.parseInt(q.getOrDefault("page", "1"));
        int from = Math.min(ids.size(), (page - 1) * size);
        int to = Math.min(ids.size(), from + size);
        String fields = q.get("fields");
        StringBuilder sb = new StringBuilder("{\"count\":").append(ids.size()).append(",\"next\":");
        sb.append(to < ids.size() ? "\"" + url() + "/api/documents/?" + rawWithPage(q, page + 1) + "\"" : "null");
        sb.append(",\"previous\":null,\"results\":[");
        for (int i = from; i < to; i++) {
            int id = ids.get(i);
            sb.append(i > from ? "," : "");
            if (fields != null) {
                sb.append("{\"id\":").append(id).append(",\"added\":\"").append(addedOf(id)).append("\",\"modified\":\"")
                        .append(addedOf(id)).append("\"}");
            } else {
                sb.append(documentJson(id));
            }
        }
        return json(ex, sb.append("]}").toString().getBytes(StandardCharsets.UTF_8));
    }

    private String addedOf(int id) {
        return id >= 10_000_000 ? liveAdded.get(id - 10_000_001) : added[id - 1];
    }

    private static String rawWithPage(Map<String, String> q, int page) {
        Map<String, String> copy = new LinkedHashMap<>(q);
        copy.put("page", String.valueOf(page));
        StringBuilder sb = new StringBuilder();
        copy.forEach((k, v) -> sb.append(sb.length() > 0 ? "&" : "").append(k).append('=')
                .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return sb.toString();
    }

    /** Terminal consumption tasks (API 10: paginated and filtered; API 9: the whole list, as Paperless 2.x). */
    private long tasks(HttpExchange ex, Map<String, String> q, boolean v9) throws IOException {
        String uuid = q.get("task_id");
        int count = uuid != null ? 1 : tasks;
        int size = v9 ? count : Integer.parseInt(q.getOrDefault("page_size", "25"));
        StringBuilder sb = new StringBuilder(v9 ? "[" : "{\"count\":" + count + ",\"next\":null,\"previous\":null,\"results\":[");
        for (int i = 0; i < Math.min(count, size); i++) {
            int id = count - i;
            String done = BASE.plusSeconds(id).toString();
            String taskId = uuid != null ? uuid : new UUID(0, id).toString();
            sb.append(i > 0 ? "," : "");
            if (v9) {
                sb.append("{\"id\":").append(id).append(",\"task_id\":\"").append(taskId).append("\",\"task_name\":")
                        .append("\"consume_file\",\"task_file_name\":\"scan-").append(id).append(".pdf\",\"date_created\":\"")
                        .append(done).append("\",\"date_done\":\"").append(done).append("\",\"type\":\"auto_task\",")
                        .append("\"status\":\"SUCCESS\",\"result\":\"Success. New document id ").append(id)
                        .append(" created\",\"acknowledged\":false,\"related_document\":\"").append(id)
                        .append("\",\"owner\":1}");
            } else {
                sb.append("{\"id\":").append(id).append(",\"task_id\":\"").append(taskId).append("\",\"task_type\":")
                        .append("\"consume_file\",\"task_type_display\":\"Consume File\",\"trigger_source\":\"api_upload\",")
                        .append("\"trigger_source_display\":\"API Upload\",\"status\":\"success\",\"status_display\":")
                        .append("\"Success\",\"date_created\":\"").append(done).append("\",\"date_started\":\"").append(done)
                        .append("\",\"date_done\":\"").append(done).append("\",\"duration_seconds\":1.0,")
                        .append("\"wait_time_seconds\":0.1,\"input_data\":{\"filename\":\"scan-").append(id)
                        .append(".pdf\"},\"result_data\":{\"document_id\":").append(id).append("},")
                        .append("\"related_document_ids\":[").append(id).append("],\"acknowledged\":false,\"owner\":1}");
            }
        }
        sb.append(v9 ? "]" : "]}");
        return json(ex, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private long download(HttpExchange ex, long n) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "application/pdf");
        ex.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"big.pdf\"");
        ex.sendResponseHeaders(200, n);
        byte[] chunk = new byte[1 << 16];
        try (OutputStream o = ex.getResponseBody()) {
            for (long left = n; left > 0; left -= chunk.length) {
                o.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }
        return n;
    }

    private static long json(HttpExchange ex, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        return body.length;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw != null) {
            for (String p : raw.split("&")) {
                int eq = p.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(p.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private static void sleep(long ms) {
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
