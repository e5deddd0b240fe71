package io.github.camelpaperless.examples.standin;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An in-process <strong>stand-in</strong> for a Paperless-ngx server, for the examples only: it speaks enough of the
 * REST API (token auth, trailing-slash rule, API version header, upload → pending → success task → document with the
 * uploaded bytes, documents list/get/download, tags, correspondents, document types, tasks, bulk edit of tags) for every
 * example to run end to end without a real server. It is not Paperless: no OCR, no matching, no permissions.
 * <p>
 * Failure switches for tests: {@link #failNextUploads(int, int)}, and files whose name contains {@code broken} end in
 * a failed task.
 */
public final class StandInPaperless implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String token;
    private final HttpServer server;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stand-in-paperless-consumer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger ids = new AtomicInteger(100);
    private final Map<String, List<ObjectNode>> objects = new ConcurrentHashMap<>();
    private final List<ObjectNode> documents = new CopyOnWriteArrayList<>();
    private final Map<Integer, byte[]> files = new ConcurrentHashMap<>();
    private final Map<Integer, String> fileNames = new ConcurrentHashMap<>();
    private final Map<Integer, String> mimeTypes = new ConcurrentHashMap<>();
    private final List<ObjectNode> tasks = new CopyOnWriteArrayList<>();
    private final AtomicInteger failUploads = new AtomicInteger();
    private volatile int failStatus = 500;
    private volatile long consumeDelayMillis = 200;
    private final AtomicInteger uploads = new AtomicInteger();
    private volatile String failNamePart;
    private final AtomicInteger failDownloads = new AtomicInteger();
    private final AtomicInteger failNamed = new AtomicInteger();
    private final List<ObjectNode> workflows = new CopyOnWriteArrayList<>();
    private final List<String> webhookResults = new CopyOnWriteArrayList<>();
    private final java.net.http.HttpClient webhookClient = java.net.http.HttpClient.newBuilder()
            .connectTimeout(java.time.Duration.ofSeconds(5)).build();

    public StandInPaperless(int port, String token) throws IOException {
        this.token = token;
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            // without it the JDK server stalls small answers for ~40 ms (Nagle + delayed ACK)
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        this.server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "stand-in-paperless-http");
            t.setDaemon(true);
            return t;
        }));
        for (String r : List.of("tags", "correspondents", "document_types", "storage_paths", "custom_fields")) {
            objects.put(r, new CopyOnWriteArrayList<>());
        }
        server.createContext("/", this::handle);
    }

    /** Starts on a free port. */
    public static StandInPaperless start(String token) throws IOException {
        StandInPaperless s = new StandInPaperless(0, token);
        s.server.start();
        return s;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String token() {
        return token;
    }

    /** The next {@code n} uploads answer HTTP {@code status} (e.g. 500 or 503) instead of accepting the file. */
    public void failNextUploads(int n, int status) {
        failStatus = status;
        failUploads.set(n);
    }

    /** The next {@code n} downloads answer HTTP 500. */
    public void failNextDownloads(int n) {
        failDownloads.set(n);
    }

    /** The next {@code n} uploads of files whose name contains {@code namePart} answer HTTP 500. */
    public void failUploadsOf(String namePart, int n) {
        failNamePart = namePart;
        failNamed.set(n);
    }

    public void setConsumeDelayMillis(long millis) {
        this.consumeDelayMillis = millis;
    }

    /** How many uploads were accepted (each creates a task). */
    public int acceptedUploads() {
        return uploads.get();
    }

    public List<ObjectNode> documents() {
        return List.copyOf(documents);
    }

    public List<ObjectNode> tasks() {
        return List.copyOf(tasks);
    }

    public byte[] file(int documentId) {
        return files.get(documentId);
    }

    /** Creates an object (tag, correspondent, ...) and returns its id. */
    public int addObject(String resource, String name) {
        ObjectNode o = JSON.createObjectNode();
        int id = ids.incrementAndGet();
        o.put("id", id);
        o.put("slug", name.toLowerCase().replaceAll("[^a-z0-9]+", "-"));
        o.put("name", name);
        o.put("match", "");
        o.put("matching_algorithm", 1);
        o.put("is_insensitive", true);
        o.put("document_count", 0);
        o.putNull("owner");
        o.put("user_can_change", true);
        if (resource.equals("tags")) {
            o.put("color", "#a6cee3");
            o.put("text_color", "#000000");
            o.put("is_inbox_tag", name.equalsIgnoreCase("inbox"));
            o.putNull("parent");
            o.putArray("children");
        }
        objects.get(resource).add(o);
        return id;
    }

    /** Adds a consumed document directly (as if it had been there before). */
    public int addDocument(String title, byte[] content, String fileName, Integer correspondent, List<Integer> tags,
                           OffsetDateTime added) {
        int id = ids.incrementAndGet();
        ObjectNode d = JSON.createObjectNode();
        d.put("id", id);
        d.put("title", title);
        if (correspondent == null) {
            d.putNull("correspondent");
        } else {
            d.put("correspondent", correspondent);
        }
        d.putNull("document_type");
        d.putNull("storage_path");
        d.put("content", new String(content, StandardCharsets.UTF_8).replaceAll("[^\\p{Print}\\s]", ""));
        ArrayNode t = d.putArray("tags");
        tags.forEach(t::add);
        d.put("created", added.toLocalDate().toString());
        d.put("created_date", added.toLocalDate().toString());
        d.put("modified", added.toString());
        d.put("added", added.toString());
        d.putNull("deleted_at");
        d.putNull("archive_serial_number");
        d.put("original_file_name", fileName);
        d.putNull("archived_file_name");
        d.putNull("owner");
        d.put("user_can_change", true);
        d.put("is_shared_by_requester", false);
        d.putArray("notes");
        d.putArray("custom_fields");
        d.put("page_count", 1);
        d.put("mime_type", guessMime(fileName));
        d.putNull("root_document");
        d.putArray("versions");
        d.putArray("duplicate_documents");
        d.put("checksum", sha256(content));
        documents.add(d);
        files.put(id, content);
        fileNames.put(id, fileName);
        mimeTypes.put(id, guessMime(fileName));
        return id;
    }

    private static String guessMime(String name) {
        String n = name == null ? "" : name.toLowerCase();
        if (n.endsWith(".pdf")) {
            return "application/pdf";
        }
        if (n.endsWith(".png")) {
            return "image/png";
        }
        if (n.endsWith(".jpg") || n.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (n.endsWith(".eml")) {
            return "message/rfc822";
        }
        return "text/plain";
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            URI uri = ex.getRequestURI();
            String path = uri.getPath();
            if (!path.startsWith("/api/")) {
                send(ex, 404, "text/html", "<h1>Not Found</h1>");
                return;
            }
            if (!path.endsWith("/")) {
                ex.getResponseHeaders().add("Location", "/accounts/login/?next=" + path);
                send(ex, 302, "text/html", "");
                return;
            }
            String accept = ex.getRequestHeaders().getFirst("Accept");
            if (accept != null && accept.contains("version=") && !accept.matches(".*version=(9|10)\\b.*")) {
                json(ex, 406, "{\"detail\":\"Invalid version in \\\"Accept\\\" header.\"}");
                return;
            }
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (!path.equals("/api/remote_version/") && (auth == null || !auth.equals("Token " + token))) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Token");
                json(ex, 401, auth == null ? "{\"detail\":\"Authentication credentials were not provided.\"}"
                        : "{\"detail\":\"Invalid token.\"}");
                return;
            }
            ex.getResponseHeaders().add("X-Api-Version", "10");
            ex.getResponseHeaders().add("X-Version", "3.0.5-stand-in");
            Map<String, List<String>> q = io.github.camelpaperless.client.Query.parse(uri.getRawQuery()).asMap();
            String method = ex.getRequestMethod();
            route(ex, method, path.substring(5), q);
        } catch (RuntimeException e) {
            send(ex, 500, "text/plain", "stand-in error: " + e);
        }
    }

    private void route(HttpExchange ex, String method, String path, Map<String, List<String>> q) throws IOException {
        String[] seg = path.split("/");
        if (path.equals("ui_settings/")) {
            json(ex, 200, "{\"user\":{\"id\":1,\"username\":\"stand-in\",\"is_staff\":true,\"is_superuser\":true,\"groups\":[]},"
                          + "\"settings\":{\"version\":\"3.0.5-stand-in\"},\"permissions\":[]}");
        } else if (path.equals("remote_version/")) {
            json(ex, 200, "{\"version\":\"3.0.5\",\"update_available\":false}");
        } else if (path.equals("documents/post_document/") && method.equals("POST")) {
            upload(ex);
        } else if (path.equals("documents/bulk_edit/") && method.equals("POST")) {
            bulkEdit(ex);
        } else if (path.equals("documents/")) {
            listDocuments(ex, q);
        } else if (seg.length == 2 && seg[0].equals("documents")) {
            ObjectNode d = document(Integer.parseInt(seg[1]));
            if (d == null) {
                json(ex, 404, "{\"detail\":\"No Document matches the given query.\"}");
            } else {
                json(ex, 200, sparse(d, q).toString());
            }
        } else if (seg.length == 3 && seg[0].equals("documents") && (seg[2].equals("download") || seg[2].equals("preview"))) {
            if (failDownloads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                send(ex, 500, "text/html", "<h1>Server Error (500)</h1>");
                return;
            }
            int id = Integer.parseInt(seg[1]);
            byte[] f = files.get(id);
            if (f == null) {
                json(ex, 404, "{\"detail\":\"Not found.\"}");
                return;
            }
            String name = fileNames.get(id);
            ex.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[^\\x20-\\x7e]", "_")
                                                               + "\"; filename*=utf-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
            ex.getResponseHeaders().add("Content-Type", mimeTypes.get(id));
            ex.sendResponseHeaders(200, f.length);
            ex.getResponseBody().write(f);
        } else if (path.equals("tasks/")) {
            listTasks(ex, q);
        } else if (path.equals("tasks/acknowledge/") && method.equals("POST")) {
            JsonNode body = JSON.readTree(ex.getRequestBody());
            int n = 0;
            for (JsonNode id : body.path("tasks")) {
                for (ObjectNode t : tasks) {
                    if (t.path("id").asInt() == id.asInt()) {
                        t.put("acknowledged", true);
                        n++;
                    }
                }
            }
            json(ex, 200, "{\"result\":" + n + "}");
        } else if (seg[0].equals("workflows")) {
            workflowsRoute(ex, method, seg, q);
        } else if (objects.containsKey(seg[0])) {
            objectsRoute(ex, method, seg, q);
        } else {
            json(ex, 404, "{\"detail\":\"Not found (the stand-in speaks only a part of the API).\"}");
        }
    }

    private void objectsRoute(HttpExchange ex, String method, String[] seg, Map<String, List<String>> q) throws IOException {
        List<ObjectNode> list = objects.get(seg[0]);
        if (seg.length == 1 && method.equals("POST")) {
            JsonNode body = JSON.readTree(ex.getRequestBody());
            String name = body.path("name").asText();
            if (name.isBlank()) {
                json(ex, 400, "{\"name\":[\"This field is required.\"]}");
                return;
            }
            int id = addObject(seg[0], name);
            json(ex, 201, list.stream().filter(o -> o.path("id").asInt() == id).findFirst().orElseThrow().toString());
        } else if (seg.length == 1) {
            List<ObjectNode> items = new ArrayList<>(list);
            String iexact = first(q, "name__iexact");
            if (iexact != null) {
                items.removeIf(o -> !o.path("name").asText().equalsIgnoreCase(iexact));
            }
            json(ex, 200, page(items, q, ex.getRequestURI()).toString());
        } else {
            int id = Integer.parseInt(seg[1]);
            ObjectNode o = list.stream().filter(x -> x.path("id").asInt() == id).findFirst().orElse(null);
            if (o == null) {
                json(ex, 404, "{\"detail\":\"Not found.\"}");
            } else {
                json(ex, 200, o.toString());
            }
        }
    }

    /** The workflows API (list, create with the unique-name check, update, delete), for the push consumer. */
    private void workflowsRoute(HttpExchange ex, String method, String[] seg, Map<String, List<String>> q) throws IOException {
        if (seg.length == 1 && method.equals("POST")) {
            ObjectNode body = (ObjectNode) JSON.readTree(ex.getRequestBody());
            if (workflows.stream().anyMatch(w -> w.path("name").asText().equals(body.path("name").asText()))) {
                json(ex, 400, "{\"name\":[\"workflow with this name already exists.\"]}");
                return;
            }
            body.put("id", ids.incrementAndGet());
            workflows.add(body);
            json(ex, 201, body.toString());
        } else if (seg.length == 1) {
            json(ex, 200, page(new ArrayList<>(workflows), q, ex.getRequestURI()).toString());
        } else {
            int id = Integer.parseInt(seg[1]);
            ObjectNode w = workflows.stream().filter(x -> x.path("id").asInt() == id).findFirst().orElse(null);
            if (w == null) {
                json(ex, 404, "{\"detail\":\"No Workflow matches the given query.\"}");
            } else if (method.equals("DELETE")) {
                workflows.remove(w);
                ex.sendResponseHeaders(204, -1);
            } else if (method.equals("PATCH") || method.equals("PUT")) {
                w.setAll((ObjectNode) JSON.readTree(ex.getRequestBody()));
                w.put("id", id);
                json(ex, 200, w.toString());
            } else {
                json(ex, 200, w.toString());
            }
        }
    }

    /**
     * What Paperless' worker does after a document was added: every enabled workflow with a "document added" trigger
     * whose tag filters match runs its webhook actions (POST, JSON params with {{ doc_url }}/{{ doc_id }}/{{ doc_title }}
     * filled in, the action's headers, 5 s timeout).
     */
    private void runAddedWorkflows(ObjectNode doc) {
        for (ObjectNode w : workflows) {
            if (!w.path("enabled").asBoolean(true)) {
                continue;
            }
            boolean triggered = false;
            for (JsonNode t : w.path("triggers")) {
                triggered |= t.path("type").asInt() == 2 && hasTags(doc, t.path("filter_has_all_tags"), true)
                             && hasTags(doc, t.path("filter_has_tags"), false);
            }
            if (!triggered) {
                continue;
            }
            for (JsonNode a : w.path("actions")) {
                if (a.path("type").asInt() == 4) {
                    callWebhook(a.path("webhook"), doc);
                }
            }
        }
    }

    private static boolean hasTags(ObjectNode doc, JsonNode wanted, boolean all) {
        if (!wanted.isArray() || wanted.isEmpty()) {
            return true;
        }
        for (JsonNode t : wanted) {
            boolean has = has(doc.path("tags"), t.asInt());
            if (all && !has) {
                return false;
            }
            if (!all && has) {
                return true;
            }
        }
        return all;
    }

    private void callWebhook(JsonNode webhook, ObjectNode doc) {
        ObjectNode params = JSON.createObjectNode();
        webhook.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()
                .replace("{{ doc_url }}", baseUrl() + "/documents/" + doc.path("id").asInt() + "/")
                .replace("{{ doc_id }}", doc.path("id").asText())
                .replace("{{ doc_title }}", doc.path("title").asText())));
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(webhook.path("url").asText()))
                .timeout(java.time.Duration.ofSeconds(5)).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(params.toString()));
        webhook.path("headers").fields().forEachRemaining(e -> b.header(e.getKey(), e.getValue().asText()));
        try {
            int status = webhookClient.send(b.build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
            webhookResults.add(webhook.path("url").asText() + " " + status);
        } catch (IOException | InterruptedException e) {
            // like Paperless: a refused or timed-out call is not retried
            webhookResults.add(webhook.path("url").asText() + " failed: " + e);
        }
    }

    /** The workflows (for the examples' tests and summary). */
    public List<ObjectNode> workflows() {
        return workflows;
    }

    /** Each webhook call made: URL and status (or failure). */
    public List<String> webhookResults() {
        return webhookResults;
    }

    private ObjectNode document(int id) {
        return documents.stream().filter(d -> d.path("id").asInt() == id).findFirst().orElse(null);
    }

    private void upload(HttpExchange ex) throws IOException {
        if (failUploads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            send(ex, failStatus, "text/html", "<html><body><h1>" + failStatus + " (stand-in outage)</h1></body></html>");
            return;
        }
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        List<Multipart.Part> parts = Multipart.parse(body, ex.getRequestHeaders().getFirst("Content-Type"));
        Multipart.Part file = parts.stream().filter(p -> "document".equals(p.name())).findFirst().orElse(null);
        if (file == null) {
            json(ex, 400, "{\"document\":[\"No file was submitted.\"]}");
            return;
        }
        if (failNamePart != null && file.fileName() != null && file.fileName().contains(failNamePart)
                && failNamed.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            send(ex, 500, "text/html", "<html><body><h1>Server Error (500)</h1></body></html>");
            return;
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (Multipart.Part p : parts) {
            if (p.fileName() == null) {
                fields.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p.text());
            }
        }
        for (String ref : List.of("correspondent", "document_type", "storage_path", "tags")) {
            String res = ref.equals("tags") ? "tags" : ref + "s";
            for (String v : fields.getOrDefault(ref, List.of())) {
                int id = Integer.parseInt(v);
                if (objects.get(res).stream().noneMatch(o -> o.path("id").asInt() == id)) {
                    json(ex, 400, "{\"" + ref + "\":[\"Invalid pk \\\"" + v + "\\\" - object does not exist.\"]}");
                    return;
                }
            }
        }
        uploads.incrementAndGet();
        String uuid = UUID.randomUUID().toString();
        ObjectNode task = task(uuid, file.fileName());
        tasks.add(task);
        worker.schedule(() -> consume(task, file, fields), consumeDelayMillis, TimeUnit.MILLISECONDS);
        json(ex, 200, "\"" + uuid + "\"");
    }

    private ObjectNode task(String uuid, String fileName) {
        ObjectNode t = JSON.createObjectNode();
        t.put("id", ids.incrementAndGet());
        t.put("task_id", uuid);
        t.put("task_type", "consume_file");
        t.put("task_type_display", "Consume File");
        t.put("trigger_source", "api_upload");
        t.put("trigger_source_display", "API Upload");
        t.put("status", "pending");
        t.put("status_display", "Pending");
        t.put("date_created", now().toString());
        t.putNull("date_started");
        t.putNull("date_done");
        t.putNull("duration_seconds");
        t.putNull("wait_time_seconds");
        t.putObject("input_data").put("filename", fileName).put("mime_type", guessMime(fileName));
        t.putNull("result_data");
        t.putArray("related_document_ids");
        t.put("acknowledged", false);
        t.put("owner", 1);
        return t;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private void consume(ObjectNode task, Multipart.Part file, Map<String, List<String>> fields) {
        task.put("status", "started");
        task.put("date_started", now().toString());
        String name = file.fileName() == null ? "document" : file.fileName();
        if (name.toLowerCase().contains("broken") || file.data().length == 0) {
            task.put("status", "failure");
            task.put("date_done", now().toString());
            task.putObject("result_data").put("error_type", "ConsumerError")
                    .put("error_message", name + ": Error occurred while consuming document " + name + ": the file is damaged")
                    .put("traceback", "stand-in");
            return;
        }
        String title = fields.containsKey("title") ? fields.get("title").get(0) : name.replaceFirst("\\.[^.]+$", "");
        Integer correspondent = fields.containsKey("correspondent") ? Integer.valueOf(fields.get("correspondent").get(0)) : null;
        List<Integer> tags = new ArrayList<>();
        fields.getOrDefault("tags", List.of()).forEach(t -> tags.add(Integer.valueOf(t)));
        int id = addDocument(title, file.data(), name, correspondent, tags, now());
        task.put("status", "success");
        task.put("date_done", now().toString());
        task.put("duration_seconds", consumeDelayMillis / 1000.0);
        task.putObject("result_data").put("document_id", id);
        task.putArray("related_document_ids").add(id);
        runAddedWorkflows(document(id));
    }

    private void listDocuments(HttpExchange ex, Map<String, List<String>> q) throws IOException {
        List<ObjectNode> items = new ArrayList<>(documents);
        filter(items, q, "added__gte", d -> OffsetDateTime.parse(d.path("added").asText()), v -> OffsetDateTime.parse(v));
        filter(items, q, "modified__gte", d -> OffsetDateTime.parse(d.path("modified").asText()), v -> OffsetDateTime.parse(v));
        String checksum = first(q, "checksum__iexact");
        if (checksum != null) {
            items.removeIf(d -> !d.path("checksum").asText().equalsIgnoreCase(checksum));
        }
        String idIn = first(q, "id__in");
        if (idIn != null) {
            List<String> wanted = List.of(idIn.split(","));
            items.removeIf(d -> !wanted.contains(d.path("id").asText()));
        }
        String all = first(q, "tags__id__all");
        if (all != null) {
            for (String tag : all.split(",")) {
                items.removeIf(d -> !has(d.path("tags"), Integer.parseInt(tag)));
            }
        }
        String ordering = first(q, "ordering") == null ? "-created,-id" : first(q, "ordering");
        Comparator<ObjectNode> cmp = null;
        for (String f : ordering.split(",")) {
            boolean desc = f.startsWith("-");
            String field = desc ? f.substring(1) : f;
            Comparator<ObjectNode> c = field.equals("id") ? Comparator.comparingInt(d -> d.path("id").asInt())
                    : Comparator.comparing(d -> d.path(field).asText());
            cmp = cmp == null ? (desc ? c.reversed() : c) : cmp.thenComparing(desc ? c.reversed() : c);
        }
        items.sort(cmp);
        json(ex, 200, page(items, q, ex.getRequestURI()).toString());
    }

    private static <T extends Comparable<T>> void filter(List<ObjectNode> items, Map<String, List<String>> q, String key,
                                                        java.util.function.Function<ObjectNode, T> get,
                                                        java.util.function.Function<String, T> parse) {
        String v = first(q, key);
        if (v != null) {
            T min = parse.apply(v);
            items.removeIf(d -> get.apply(d).compareTo(min) < 0);
        }
    }

    private static boolean has(JsonNode arr, int v) {
        for (JsonNode n : arr) {
            if (n.asInt() == v) {
                return true;
            }
        }
        return false;
    }

    private void listTasks(HttpExchange ex, Map<String, List<String>> q) throws IOException {
        List<ObjectNode> items = new ArrayList<>(tasks);
        String uuid = first(q, "task_id");
        if (uuid != null) {
            items.removeIf(t -> !t.path("task_id").asText().equals(uuid));
        }
        if ("true".equals(first(q, "is_complete"))) {
            items.removeIf(t -> !List.of("success", "failure", "revoked").contains(t.path("status").asText()));
        }
        List<String> statuses = q.get("status");
        if (statuses != null) {
            items.removeIf(t -> !statuses.contains(t.path("status").asText()));
        }
        Predicate<ObjectNode> done = t -> !t.path("date_done").isNull();
        if ("-date_done".equals(first(q, "ordering"))) {
            items.sort(Comparator.comparing((ObjectNode t) -> done.test(t) ? t.path("date_done").asText() : "").reversed());
        } else {
            items.sort(Comparator.comparing((ObjectNode t) -> t.path("date_created").asText()).reversed());
        }
        json(ex, 200, page(items, q, ex.getRequestURI()).toString());
    }

    private void bulkEdit(HttpExchange ex) throws IOException {
        JsonNode body = JSON.readTree(ex.getRequestBody());
        String method = body.path("method").asText();
        JsonNode p = body.path("parameters");
        for (JsonNode idNode : body.path("documents")) {
            ObjectNode d = document(idNode.asInt());
            if (d == null) {
                json(ex, 400, "{\"documents\":[\"Some documents in documents don't exist or were specified twice.\"]}");
                return;
            }
            List<Integer> tags = new ArrayList<>();
            d.path("tags").forEach(t -> tags.add(t.asInt()));
            switch (method) {
                case "add_tag":
                    tags.add(p.path("tag").asInt());
                    break;
                case "remove_tag":
                    tags.remove(Integer.valueOf(p.path("tag").asInt()));
                    break;
                case "modify_tags":
                    p.path("add_tags").forEach(t -> tags.add(t.asInt()));
                    p.path("remove_tags").forEach(t -> tags.remove(Integer.valueOf(t.asInt())));
                    break;
                default:
                    json(ex, 400, "{\"method\":[\"\\\"" + method + "\\\" is not supported by the stand-in.\"]}");
                    return;
            }
            ArrayNode arr = d.putArray("tags");
            tags.stream().distinct().forEach(arr::add);
            d.put("modified", now().toString());
        }
        json(ex, 200, "{\"result\":\"OK\"}");
    }

    private ObjectNode page(List<ObjectNode> items, Map<String, List<String>> q) {
        return page(items, q, null);
    }

    private ObjectNode page(List<ObjectNode> items, Map<String, List<String>> q, URI uri) {
        int size = first(q, "page_size") == null ? 25 : Math.max(1, Integer.parseInt(first(q, "page_size")));
        int page = first(q, "page") == null ? 1 : Integer.parseInt(first(q, "page"));
        int from = (page - 1) * size;
        ObjectNode out = JSON.createObjectNode();
        out.put("count", items.size());
        if (from + size < items.size()) {
            StringBuilder next = new StringBuilder("http://paperless.internal:8000").append(uri == null ? "/api/" : uri.getPath()).append('?');
            q.forEach((k, vs) -> {
                if (!k.equals("page")) {
                    vs.forEach(v -> next.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                            .append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
                }
            });
            out.put("next", next.append("page=").append(page + 1).toString());
        } else {
            out.putNull("next");
        }
        out.putNull("previous");
        ArrayNode results = out.putArray("results");
        for (int i = from; i < Math.min(items.size(), from + size); i++) {
            results.add(sparse(items.get(i), q));
        }
        return out;
    }

    private static JsonNode sparse(ObjectNode d, Map<String, List<String>> q) {
        String fields = first(q, "fields");
        ObjectNode out = d.deepCopy();
        out.remove("checksum");
        if (fields == null) {
            return out;
        }
        ObjectNode s = JSON.createObjectNode();
        for (String f : fields.split(",")) {
            if (out.has(f)) {
                s.set(f, out.get(f));
            }
        }
        return s;
    }

    private static String first(Map<String, List<String>> q, String k) {
        List<String> v = q.get(k);
        return v == null || v.isEmpty() ? null : v.get(0);
    }


    private static void json(HttpExchange ex, int status, String body) throws IOException {
        send(ex, status, "application/json", body);
    }

    private static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            ex.getResponseBody().write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        worker.shutdownNow();
    }
}
