package io.github.camelpaperless.support;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * A WireMock response transformer that answers {@code GET /api/documents/}, {@code /api/documents/{id}/} and
 * {@code /api/tasks/} from an in-memory list the test changes between polls, applying the server's filters the
 * consumers use ({@code added__gte}, {@code modified__gte}, {@code ordering}, {@code fields}, {@code page_size},
 * {@code page}, {@code tags__id__all}, {@code is_complete}, {@code status}) and its page shapes (API 10 pages, API 9
 * plain task lists), and {@code /api/workflows/} (list, create with the server's unique-name check, update, delete) with
 * the ids the server gives nested triggers and actions.
 */
public final class FakeStore implements ResponseTransformerV2 {

    public static final String NAME = "fake-store";
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final List<ObjectNode> DOCUMENTS = new CopyOnWriteArrayList<>();
    public static final List<ObjectNode> TASKS = new CopyOnWriteArrayList<>();
    public static final List<ObjectNode> WORKFLOWS = new CopyOnWriteArrayList<>();
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_ID = new java.util.concurrent.atomic.AtomicInteger(1);

    /** Documents the server's background bulk_update task will stamp again (at the next document list). */
    private static final List<ObjectNode> DEFERRED_RESTAMPS = new CopyOnWriteArrayList<>();

    public static void reset() {
        DOCUMENTS.clear();
        TASKS.clear();
        WORKFLOWS.clear();
        DEFERRED_RESTAMPS.clear();
    }

    private static void applyDeferredRestamps() {
        for (ObjectNode d : DEFERRED_RESTAMPS) {
            d.put("modified", OffsetDateTime.parse(d.path("modified").asText()).plusSeconds(5).toString());
        }
        DEFERRED_RESTAMPS.clear();
    }

    /** The tag edits of bulk_edit, as the server applies them (other methods only stamp). */
    private static void applyBulkEdit(ObjectNode d, String method, JsonNode p) {
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
                p.path("remove_tags").forEach(t -> tags.remove(Integer.valueOf(t.asInt())));
                p.path("add_tags").forEach(t -> tags.add(t.asInt()));
                break;
            default:
                return;
        }
        ArrayNode out = d.putArray("tags");
        tags.stream().distinct().forEach(out::add);
    }

    /** Stamps a document's modified as the server does when it saves it (one second later than it was, at least). */
    public static void restamp(ObjectNode d) {
        OffsetDateTime was = OffsetDateTime.parse(d.path("modified").asText());
        d.put("modified", was.plusSeconds(1).toString());
    }

    /** The document with this id (the test changes it as a user or another workflow would). */
    public static ObjectNode document(int id) {
        return DOCUMENTS.stream().filter(x -> x.path("id").asInt() == id).findFirst().orElseThrow();
    }

    /** Adds a document (shaped like the real DocumentSerializer output). */
    public static ObjectNode addDocument(int id, String added, int... tags) {
        try {
            ObjectNode d = (ObjectNode) JSON.readTree(Fixtures.json("documents"));
            d.put("id", id);
            d.put("title", "Document " + id);
            d.put("added", added);
            d.put("modified", added);
            ArrayNode t = d.putArray("tags");
            Arrays.stream(tags).forEach(t::add);
            DOCUMENTS.add(d);
            return d;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds a task in the API 10 shape (served as API 9 when asked). */
    public static ObjectNode addTask(int id, String uuid, String status, String dateDone, Integer documentId) {
        try {
            String resultData = documentId == null ? null : status.equals("success")
                    ? "{\"document_id\":" + documentId + "}" : "{\"duplicate_of\":" + documentId + ",\"duplicate_in_trash\":false}";
            ObjectNode t = (ObjectNode) JSON.readTree(TaskFixtures.v10(id, uuid, status, resultData,
                    documentId == null ? "[]" : "[" + documentId + "]"));
            if (dateDone != null) {
                t.put("date_done", dateDone);
            }
            TASKS.add(t);
            return t;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public Response transform(Response response, ServeEvent event) {
        URI uri = URI.create(event.getRequest().getUrl());
        Map<String, List<String>> q = io.github.camelpaperless.client.Query.parse(uri.getRawQuery()).asMap();
        String path = uri.getPath();
        String accept = event.getRequest().getHeader("Accept");
        boolean v9 = accept != null && accept.contains("version=9");
        try {
            if (path.matches("/api/documents/\\d+/")) {
                int id = Integer.parseInt(path.replaceAll("\\D", ""));
                ObjectNode d = DOCUMENTS.stream().filter(x -> x.path("id").asInt() == id).findFirst().orElse(null);
                if (d == null) {
                    return json(404, "{\"detail\":\"No Document matches the given query.\"}");
                }
                if (event.getRequest().getMethod().getName().equals("PATCH")) {
                    // the server saves the document: every PATCH stamps modified, even one that changes nothing
                    d.setAll((ObjectNode) JSON.readTree(event.getRequest().getBodyAsString()));
                    restamp(d);
                    return json(200, d.toString());
                }
                return json(200, sparse(d, q).toString());
            }
            if (path.equals("/api/documents/")) {
                applyDeferredRestamps();
                List<ObjectNode> items = new ArrayList<>(DOCUMENTS);
                for (String f : List.of("added", "modified")) {
                    String gte = first(q, f + "__gte");
                    if (gte != null) {
                        OffsetDateTime min = OffsetDateTime.parse(gte);
                        items.removeIf(d -> OffsetDateTime.parse(d.path(f).asText()).isBefore(min));
                    }
                }
                String idIn = first(q, "id__in");
                if (idIn != null) {
                    List<String> ids = Arrays.asList(idIn.split(","));
                    items.removeIf(d -> !ids.contains(d.path("id").asText()));
                }
                String all = first(q, "tags__id__all");
                if (all != null) {
                    for (String tag : all.split(",")) {
                        items.removeIf(d -> !contains(d.path("tags"), Integer.parseInt(tag)));
                    }
                }
                order(items, first(q, "ordering"));
                return json(200, page(items, q, uri).toString());
            }
            if (path.equals("/api/documents/bulk_edit/") && event.getRequest().getMethod().getName().equals("POST")) {
                JsonNode body = JSON.readTree(event.getRequest().getBodyAsString());
                for (JsonNode id : body.path("documents")) {
                    DOCUMENTS.stream().filter(d -> d.path("id").asInt() == id.asInt()).forEach(d -> {
                        applyBulkEdit(d, body.path("method").asText(), body.path("parameters"));
                        // the server stamps every bulk edit, even one that changes nothing, and (3.0.5) stamps it
                        // again a few seconds later from its background bulk_update task: here, at the next list
                        d.put("modified", OffsetDateTime.parse(d.path("modified").asText()).plusMinutes(1).toString());
                        DEFERRED_RESTAMPS.add(d);
                    });
                }
                return json(200, "{\"result\":\"OK\"}");
            }
            if (path.startsWith("/api/workflows/")) {
                return workflows(event, path, q, uri);
            }
            if (path.equals("/api/tasks/")) {
                List<ObjectNode> items = new ArrayList<>(TASKS);
                if ("true".equals(first(q, "is_complete"))) {
                    items.removeIf(t -> !List.of("success", "failure", "revoked").contains(t.path("status").asText()));
                }
                List<String> statuses = q.get("status");
                if (statuses != null) {
                    items.removeIf(t -> !statuses.contains(t.path("status").asText()));
                }
                String uuid = first(q, "task_id");
                if (uuid != null) {
                    items.removeIf(t -> !t.path("task_id").asText().equals(uuid));
                }
                order(items, first(q, "ordering") == null ? "-date_created" : first(q, "ordering"));
                if (v9) {
                    ArrayNode arr = JSON.createArrayNode();
                    items.forEach(t -> arr.add(toV9(t)));
                    return json(200, arr.toString());
                }
                return json(200, page(items, q, uri).toString());
            }
        } catch (RuntimeException | java.io.IOException e) {
            return json(500, "{\"detail\":\"fake store: " + e + "\"}");
        }
        return response;
    }

    /** Workflows as WorkflowViewSet/WorkflowSerializer answer them. */
    private static Response workflows(ServeEvent event, String path, Map<String, List<String>> q, URI uri)
            throws java.io.IOException {
        String method = event.getRequest().getMethod().getName();
        if (path.equals("/api/workflows/")) {
            if (method.equals("GET")) {
                List<ObjectNode> items = new ArrayList<>(WORKFLOWS);
                items.sort(Comparator.comparingInt(w -> w.path("order").asInt()));
                return json(200, page(items, q, uri).toString());
            }
            ObjectNode body = (ObjectNode) JSON.readTree(event.getRequest().getBodyAsString());
            if (WORKFLOWS.stream().anyMatch(w -> w.path("name").asText().equals(body.path("name").asText()))) {
                return json(400, "{\"name\":[\"workflow with this name already exists.\"]}");
            }
            body.put("id", NEXT_ID.getAndIncrement());
            withIds(body);
            WORKFLOWS.add(body);
            return json(201, body.toString());
        }
        int id = Integer.parseInt(path.replaceAll("\\D", ""));
        ObjectNode w = WORKFLOWS.stream().filter(x -> x.path("id").asInt() == id).findFirst().orElse(null);
        if (w == null) {
            return json(404, "{\"detail\":\"No Workflow matches the given query.\"}");
        }
        switch (method) {
            case "DELETE":
                WORKFLOWS.remove(w);
                return Response.response().status(204).build();
            case "PATCH":
            case "PUT":
                w.setAll((ObjectNode) JSON.readTree(event.getRequest().getBodyAsString()));
                w.put("id", id);
                withIds(w);
                return json(200, w.toString());
            default:
                return json(200, w.toString());
        }
    }

    private static void withIds(ObjectNode workflow) {
        for (String nested : List.of("triggers", "actions")) {
            workflow.path(nested).forEach(n -> {
                if (!n.has("id")) {
                    ((ObjectNode) n).put("id", NEXT_ID.getAndIncrement());
                }
            });
        }
    }

    private static boolean contains(JsonNode arr, int v) {
        for (JsonNode n : arr) {
            if (n.asInt() == v) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode toV9(ObjectNode t) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", t.path("id").asInt());
        o.put("task_id", t.path("task_id").asText());
        o.put("task_name", t.path("task_type").asText());
        o.put("task_file_name", t.path("input_data").path("filename").asText());
        o.put("type", "manual_task");
        o.put("status", t.path("status").asText().toUpperCase());
        o.set("date_created", t.get("date_created"));
        o.set("date_done", t.get("date_done"));
        JsonNode rd = t.path("result_data");
        o.put("result", rd.has("document_id") ? "Success. New document id " + rd.get("document_id").asInt() + " created"
                : rd.has("duplicate_of") ? "Not consuming: It is a duplicate of document #" + rd.get("duplicate_of").asInt() : null);
        o.put("acknowledged", t.path("acknowledged").asBoolean());
        JsonNode rel = t.path("related_document_ids");
        if (rel.size() > 0) {
            o.put("related_document", rel.get(0).asInt());
        } else {
            o.putNull("related_document");
        }
        o.putArray("duplicate_documents");
        o.put("owner", 3);
        return o;
    }

    private static void order(List<ObjectNode> items, String ordering) {
        if (ordering == null) {
            ordering = "-created,-id";
        }
        Comparator<ObjectNode> cmp = null;
        for (String f : ordering.split(",")) {
            boolean desc = f.startsWith("-");
            String name = desc ? f.substring(1) : f;
            Comparator<ObjectNode> c = name.equals("id")
                    ? Comparator.comparingInt(n -> n.path("id").asInt())
                    : Comparator.comparing((ObjectNode n) -> n.path(name).isNull() ? "" : n.path(name).asText(),
                            (a, b) -> a.isEmpty() || b.isEmpty() || a.length() <= 10 || b.length() <= 10 ? a.compareTo(b)
                                    : OffsetDateTime.parse(a).compareTo(OffsetDateTime.parse(b)));
            if (desc) {
                c = c.reversed();
            }
            cmp = cmp == null ? c : cmp.thenComparing(c);
        }
        items.sort(cmp);
    }

    private static ObjectNode page(List<ObjectNode> items, Map<String, List<String>> q, URI uri) {
        int size = first(q, "page_size") == null ? 25 : Integer.parseInt(first(q, "page_size"));
        int page = first(q, "page") == null ? 1 : Integer.parseInt(first(q, "page"));
        int from = (page - 1) * size;
        ObjectNode out = JSON.createObjectNode();
        out.put("count", items.size());
        String base = "http://paperless-internal:8000" + uri.getRawPath() + "?" + stripPage(uri.getRawQuery());
        if (from + size < items.size()) {
            out.put("next", base + "&page=" + (page + 1));
        } else {
            out.putNull("next");
        }
        if (page > 1) {
            out.put("previous", base + (page > 2 ? "&page=" + (page - 1) : ""));
        } else {
            out.putNull("previous");
        }
        ArrayNode results = out.putArray("results");
        for (int i = from; i < Math.min(items.size(), from + size); i++) {
            results.add(sparse(items.get(i), q));
        }
        return out;
    }

    private static String stripPage(String raw) {
        if (raw == null) {
            return "";
        }
        List<String> keep = new ArrayList<>();
        for (String p : raw.split("&")) {
            if (!p.startsWith("page=")) {
                keep.add(p);
            }
        }
        return String.join("&", keep);
    }

    private static JsonNode sparse(ObjectNode d, Map<String, List<String>> q) {
        String fields = first(q, "fields");
        if (fields == null) {
            return d;
        }
        ObjectNode out = JSON.createObjectNode();
        for (String f : fields.split(",")) {
            if (d.has(f)) {
                out.set(f, d.get(f));
            }
        }
        return out;
    }

    private static Response json(int status, String body) {
        return Response.response().status(status)
                .headers(new HttpHeaders(new HttpHeader("Content-Type", "application/json"), new HttpHeader("X-Version", "3.0.5")))
                .body(body).build();
    }

    private static String first(Map<String, List<String>> q, String k) {
        List<String> v = q.get(k);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

}
