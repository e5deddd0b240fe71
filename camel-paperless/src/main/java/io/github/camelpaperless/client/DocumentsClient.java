package io.github.camelpaperless.client;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelpaperless.client.model.AiSuggestions;
import io.github.camelpaperless.client.model.CustomFieldInstance;
import io.github.camelpaperless.client.model.Document;
import io.github.camelpaperless.client.model.DocumentMetadata;
import io.github.camelpaperless.client.model.DocumentVersionInfo;
import io.github.camelpaperless.client.model.HistoryEntry;
import io.github.camelpaperless.client.model.Note;
import io.github.camelpaperless.client.model.ShareLink;
import io.github.camelpaperless.client.model.Suggestions;
import io.github.camelpaperless.client.model.Task;
import org.apache.hc.client5.http.entity.mime.HttpMultipartMode;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Documents: CRUD, streamed upload and download, notes, versions, search, and bulk edits (on API 10 the dedicated
 * action endpoints, on API 9 the {@code bulk_edit} methods; see {@link ApiVersions}).
 */
public final class DocumentsClient {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentsClient.class);
    private static final ContentType TEXT = ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8);

    /** What to do when the document to upload already exists (same checksum). */
    public enum DuplicatePolicy {
        ALLOW,
        SKIP,
        FAIL
    }

    private final PaperlessClient client;
    private final ResourceClient<Document> crud;
    private final JavaType docType;

    DocumentsClient(PaperlessClient client) {
        this.client = client;
        this.crud = client.resource("documents", Document.class);
        this.docType = client.type(Document.class);
    }

    public Document get(int id) {
        return crud.get(id);
    }

    public Document get(int id, Query query) {
        return crud.get(id, query);
    }

    /** Every document matching the filters, lazily across pages. */
    public PagedIterable<Document> list(Query filters) {
        return crud.list(filters);
    }

    public Page<Document> page(Query filters, int page) {
        return crud.page(filters, page);
    }

    /**
     * PATCH; a {@code custom_fields} map (field id or name to value) or list in the body is <em>merged</em> with the
     * document's existing fields: they are read, changed and written back (read-modify-write, not atomic).
     */
    public Document update(int id, Object body) {
        return update(id, body, true);
    }

    /**
     * PATCH; with {@code mergeCustomFields} as {@link #update(int, Object)}, else the body's {@code custom_fields} become
     * the document's only custom fields (fields not given are removed; an empty map removes all).
     */
    public Document update(int id, Object body, boolean mergeCustomFields) {
        return crud.update(id, customFields(id, body, mergeCustomFields));
    }

    public Document replace(int id, Object body) {
        return crud.replace(id, body);
    }

    /** Moves the document to the trash. */
    public void delete(int id) {
        crud.delete(id);
    }

    @SuppressWarnings("unchecked")
    private Object customFields(int id, Object body, boolean merge) {
        JsonNode tree = tree(body);
        if (!tree.has("custom_fields")) {
            return body;
        }
        Map<String, Object> map = new LinkedHashMap<>(client.mapper().convertValue(tree, LinkedHashMap.class));
        Object cf = map.get("custom_fields");
        Map<Object, Object> updates = new LinkedHashMap<>();
        if (cf instanceof Map) {
            updates.putAll((Map<Object, Object>) cf);
        } else if (cf instanceof List) {
            for (Object o : (List<Object>) cf) {
                if (o instanceof Map && ((Map<?, ?>) o).containsKey("field")) {
                    updates.put(((Map<?, ?>) o).get("field"), ((Map<?, ?>) o).get("value"));
                } else {
                    updates.put(o, null);
                }
            }
        }
        Map<Integer, Object> api = client.customFieldDefinitions().toApi(updates);
        List<CustomFieldInstance> existing = merge
                ? crud.get(id, Query.create().set("fields", "id,custom_fields")).customFields() : List.of();
        map.put("custom_fields", client.customFieldDefinitions().merge(existing, api));
        return map;
    }

    private JsonNode tree(Object body) {
        try {
            return body instanceof String ? client.mapper().readTree((String) body) : client.mapper().valueToTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // upload

    /**
     * Uploads a document as a streamed multipart form.
     *
     * @return the UUID of the consumption task
     */
    public String upload(UploadRequest r, boolean createMissing) {
        r.source().requireNotEmpty();
        return client.send("POST", "documents/post_document", null, multipart(r, r.source(), createMissing),
                client.type(String.class));
    }

    /**
     * The outcome of {@link #upload(UploadRequest, boolean, DuplicatePolicy)}: the consumption task of the upload, or
     * the document that already holds the content (nothing was uploaded).
     */
    public record UploadOutcome(String taskId, Integer duplicateOf) {

        /** The server's answer to an upload: the task UUID as a JSON string. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static UploadOutcome task(String taskId) {
            return new UploadOutcome(taskId, null);
        }
    }

    /**
     * Uploads a document unless the server holds its content already.
     * <ul>
     * <li>{@link DuplicatePolicy#ALLOW}: uploads, as {@link #upload(UploadRequest, boolean)}.</li>
     * <li>{@link DuplicatePolicy#SKIP}: when a document has the content's checksum, returns it as
     * {@link UploadOutcome#duplicateOf()} without uploading. An upload that fails ambiguously (connection broken,
     * 500/502/503/504) is retried under the {@link RetryPolicy} only after checking that it had no effect: no document
     * with the checksum and no unfinished consumption task for the file name since the first attempt (3.x accepts
     * duplicates, so sending it twice would make two documents); otherwise that document or task is the outcome.</li>
     * <li>{@link DuplicatePolicy#FAIL}: throws {@link PaperlessDuplicateException} for an existing document.</li>
     * </ul>
     * A stream is spooled to a temporary file (deleted afterwards) to compute the checksum.
     */
    public UploadOutcome upload(UploadRequest r, boolean createMissing, DuplicatePolicy policy) {
        if (policy == DuplicatePolicy.ALLOW) {
            return UploadOutcome.task(upload(r, createMissing));
        }
        r.source().requireNotEmpty();
        UploadSource source = r.source().rereadable();
        try {
            Checksums sums = source.checksums();
            String fileName = r.fileName() == null ? "document" : r.fileName();
            Integer existing = firstWithChecksum(sums);
            if (existing != null) {
                if (policy == DuplicatePolicy.FAIL) {
                    throw new PaperlessDuplicateException(fileName, existing, serverChecksum(sums));
                }
                LOG.info("Not uploading {}: duplicate of document #{}", fileName, existing);
                return new UploadOutcome(null, existing);
            }
            OffsetDateTime since = OffsetDateTime.now().minusMinutes(1);
            RetryCheck<UploadOutcome> check = policy != DuplicatePolicy.SKIP ? null : failure -> {
                Integer dup = firstWithChecksum(sums);
                if (dup != null) {
                    LOG.info("Upload of {} failed ({}) but the document exists as #{}: not uploading again", fileName,
                            failure.getMessage(), dup);
                    return new UploadOutcome(null, dup);
                }
                // consumption is asynchronous: an accepted upload may still wait in the queue
                Task queued = client.tasks().findUnfinishedConsumption(fileName, since);
                if (queued != null) {
                    LOG.info("Upload of {} failed ({}) but the server is consuming it (task {}): not uploading again",
                            fileName, failure.getMessage(), queued.taskId());
                    return UploadOutcome.task(queued.taskId());
                }
                LOG.info("Upload of {} failed ({}); neither a document with its checksum nor a consumption task for it: "
                         + "uploading again", fileName, failure.getMessage());
                return null;
            };
            return client.send("POST", "documents/post_document", null, multipart(r, source, createMissing),
                    client.type(UploadOutcome.class), check);
        } finally {
            if (source != r.source()) {
                source.close();
            }
        }
    }

    private Integer firstWithChecksum(Checksums sums) {
        List<Document> existing = findByChecksum(sums);
        return existing.isEmpty() ? null : existing.get(0).id();
    }

    private HttpEntity multipart(UploadRequest r, UploadSource source, boolean createMissing) {
        NameResolver names = client.names();
        MultipartEntityBuilder b = MultipartEntityBuilder.create()
                .setMode(HttpMultipartMode.LEGACY)
                .setCharset(StandardCharsets.UTF_8);
        String fileName = r.fileName() == null ? "document" : r.fileName();
        b.addPart("document", source.body(ContentType.parse(r.contentType()), fileName));
        text(b, "title", r.title());
        text(b, "created", formatCreated(r.created()));
        text(b, "correspondent", names.resolve("correspondents", r.correspondent(), createMissing));
        text(b, "document_type", names.resolve("document_types", r.documentType(), createMissing));
        text(b, "storage_path", names.resolve("storage_paths", r.storagePath(), createMissing));
        for (Object tag : r.tags()) {
            text(b, "tags", names.resolve("tags", tag, createMissing));
        }
        text(b, "archive_serial_number", r.archiveSerialNumber());
        if (!r.customFields().isEmpty()) {
            Map<Integer, Object> cf = client.customFieldDefinitions().toApi(r.customFields());
            try {
                b.addTextBody("custom_fields", client.mapper().writeValueAsString(cf), ContentType.APPLICATION_JSON);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("Cannot write custom field values as JSON: " + e.getOriginalMessage());
            }
        }
        return b.build();
    }

    /** Uploads a new version of a document ({@code update_version}); returns the task UUID. */
    public String uploadVersion(int id, UploadSource source, String fileName, String contentType, String label) {
        source.requireNotEmpty();
        String name = fileName != null ? fileName : source.fileName() != null ? source.fileName() : "document";
        MultipartEntityBuilder b = MultipartEntityBuilder.create().setMode(HttpMultipartMode.LEGACY)
                .setCharset(StandardCharsets.UTF_8);
        b.addPart("document", source.body(ContentType.parse(contentType != null ? contentType : ContentTypes.guess(name)), name));
        text(b, "version_label", label);
        return client.send("POST", "documents/" + id + "/update_version", null, b.build(), client.type(String.class));
    }

    private static void text(MultipartEntityBuilder b, String name, Object value) {
        if (value != null) {
            b.addTextBody(name, String.valueOf(value), TEXT);
        }
    }

    static String formatCreated(Object created) {
        if (created == null) {
            return null;
        }
        if (created instanceof LocalDate || created instanceof OffsetDateTime || created instanceof ZonedDateTime) {
            return created.toString();
        }
        if (created instanceof LocalDateTime) {
            return ((LocalDateTime) created).toLocalDate().toString();
        }
        if (created instanceof Date) {
            return ((Date) created).toInstant().toString();
        }
        return String.valueOf(created);
    }

    /**
     * The checksum this server stores and matches duplicates on for this content: MD5 on Paperless-ngx 2.x, SHA-256 on
     * 3.x (see {@link ApiVersions#checksumFor}).
     */
    public String serverChecksum(Checksums checksums) {
        client.negotiate();
        return ApiVersions.checksumFor(checksums, client.requestedApiVersion(), client.serverVersion());
    }

    /** The documents whose stored checksum equals this content's (see {@link #serverChecksum}). */
    public List<Document> findByChecksum(Checksums checksums) {
        String checksum = serverChecksum(checksums);
        List<Document> out = new ArrayList<>();
        for (Document d : list(Query.create().set("checksum__iexact", checksum))) {
            out.add(d);
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // files

    /** The archived (or with {@code original} the original) file, streamed. */
    public Download download(int id, boolean original) {
        return download(id, original, false);
    }

    /** With {@code followFormatting}, the file name follows the server's filename format (storage path template). */
    public Download download(int id, boolean original, boolean followFormatting) {
        return download(id, original, followFormatting, null);
    }

    /**
     * A file of one version of a document ({@code version}: a version id from {@link Document#versions()}, Paperless-ngx
     * 3); {@code null} is the newest version.
     */
    public Download download(int id, boolean original, boolean followFormatting, Integer version) {
        Query q = versionQuery(version);
        if (original) {
            q.set("original", "true");
        }
        if (followFormatting) {
            q.set("follow_formatting", "true");
        }
        return client.download("GET", "documents/" + id + "/download", q, null);
    }

    public Download preview(int id, boolean original) {
        return preview(id, original, null);
    }

    public Download preview(int id, boolean original, Integer version) {
        Query q = versionQuery(version);
        if (original) {
            q.set("original", "true");
        }
        return client.download("GET", "documents/" + id + "/preview", q, null);
    }

    public Download thumbnail(int id) {
        return thumbnail(id, null);
    }

    public Download thumbnail(int id, Integer version) {
        return client.download("GET", "documents/" + id + "/thumb", versionQuery(version), null);
    }

    /** {@code version=<id>} for reads of one version (Paperless-ngx 3); empty for the newest. */
    public Query versionQuery(Integer version) {
        Query q = Query.create();
        if (version != null) {
            client.negotiate();
            ApiVersions.requireServer("document versions", 3, client.serverVersion());
            q.set("version", version);
        }
        return q;
    }

    /** A zip of the selected documents, streamed. */
    public Download bulkDownload(DocumentSelection selection, String content, String compression, Boolean followFormatting) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (content != null) {
            body.put("content", content);
        }
        if (compression != null) {
            body.put("compression", compression);
        }
        if (followFormatting != null) {
            body.put("follow_formatting", followFormatting);
        }
        return client.download("POST", "documents/bulk_download", null, selection.into(body));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // per-document reads

    public DocumentMetadata metadata(int id) {
        return metadata(id, null);
    }

    /** The metadata of one version ({@code null}: the newest). */
    public DocumentMetadata metadata(int id, Integer version) {
        return client.get("documents/" + id + "/metadata", versionQuery(version), client.type(DocumentMetadata.class));
    }

    public Suggestions suggestions(int id) {
        return client.get("documents/" + id + "/suggestions", null, client.type(Suggestions.class));
    }

    /**
     * The server's AI classification of a document (Paperless-ngx 3 with AI enabled; the server caches it per
     * document). AI off: {@link PaperlessAiDisabledException}; a 2.x server: {@link PaperlessUnsupportedException}.
     */
    public AiSuggestions aiSuggestions(int id) {
        return client.get("documents/" + id + "/ai_suggestions", null, client.type(AiSuggestions.class));
    }

    /**
     * Asks the server's AI about the documents ({@code documentId} {@code null}: all the user may see; else that one),
     * Paperless-ngx 3 with AI enabled. The answer is streamed as it is written: read it from the returned
     * {@link ChatAnswer} and close it. AI off: {@link PaperlessAiDisabledException}.
     */
    public ChatAnswer chat(String question, Integer documentId) {
        if (question == null || question.isBlank()) {
            throw new IllegalArgumentException("The chat needs a question (a non-empty String)");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("q", question);
        if (documentId != null) {
            body.put("document_id", documentId);
        }
        return new ChatAnswer(client.download("POST", "documents/chat", null, body), client.mapper());
    }

    public List<Note> notes(int id) {
        return client.get("documents/" + id + "/notes", null, client.listType(Note.class));
    }

    /** Adds a note; returns all notes of the document. */
    public List<Note> addNote(int id, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("addNote needs the note text as the body");
        }
        return client.send("POST", "documents/" + id + "/notes", null, Map.of("note", text), client.listType(Note.class));
    }

    /** Deletes a note; returns the remaining notes. */
    public List<Note> deleteNote(int id, int noteId) {
        return client.send("DELETE", "documents/" + id + "/notes", Query.create().set("id", noteId), (Object) null,
                client.listType(Note.class));
    }

    public List<ShareLink> shareLinks(int id) {
        return client.get("documents/" + id + "/share_links", null, client.listType(ShareLink.class));
    }

    public List<HistoryEntry> history(int id) {
        return client.get("documents/" + id + "/history", null, client.listType(HistoryEntry.class));
    }

    /** The id of the root document of a version chain. */
    public Integer root(int id) {
        JsonNode n = client.get("documents/" + id + "/root", null, client.type(JsonNode.class));
        return n.hasNonNull("root_id") ? n.get("root_id").asInt() : null;
    }

    public Long nextAsn() {
        return client.get("documents/next_asn", null, client.type(Long.class));
    }

    public DocumentVersionInfo updateVersionLabel(int id, int versionId, String label) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version_label", label);
        return client.send("PATCH", "documents/" + id + "/versions/" + versionId, null, body,
                client.type(DocumentVersionInfo.class));
    }

    public JsonNode deleteVersion(int id, int versionId) {
        return client.send("DELETE", "documents/" + id + "/versions/" + versionId, null, (Object) null,
                client.type(JsonNode.class));
    }

    public JsonNode selectionData(List<Integer> ids) {
        return client.send("POST", "documents/selection_data", null, Map.of("documents", ids), client.type(JsonNode.class));
    }

    /** Emails documents: {@code addresses} comma separated. */
    public JsonNode email(List<Integer> ids, String addresses, String subject, String message, boolean useArchiveVersion) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("documents", ids);
        body.put("addresses", addresses);
        body.put("subject", subject);
        body.put("message", message);
        body.put("use_archive_version", useArchiveVersion);
        return client.send("POST", "documents/email", null, body, client.type(JsonNode.class));
    }

    public List<String> autocomplete(String term, Integer limit) {
        if (term == null || term.isBlank()) {
            throw new IllegalArgumentException("autocomplete needs a term (header CamelPaperlessQuery or option query)");
        }
        return client.get("search/autocomplete", Query.create().set("term", term).set("limit", limit),
                client.listType(String.class));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // search

    /** Full-text search (Paperless query syntax, see {@link SearchQuery}); each document carries its search hit. */
    public PagedIterable<Document> search(String query, Query filters, long maxResults) {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("search needs a query (header CamelPaperlessQuery or option query)");
        }
        Query q = filters == null ? Query.create() : filters.copy();
        q.set("query", query);
        return client.list("documents", q, docType, maxResults);
    }

    /** Documents similar to one document. */
    public PagedIterable<Document> moreLike(int id, Query filters, long maxResults) {
        Query q = filters == null ? Query.create() : filters.copy();
        q.set("more_like_id", id);
        return client.list("documents", q, docType, maxResults);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // bulk edits

    /**
     * Bulk edit methods that set a state, so applying one twice gives what applying it once gives: after an ambiguous
     * failure (the connection broke, or the server failed while applying it) they are sent again under the
     * {@link RetryPolicy}. The others (delete, rotate, merge, split, page edits, reprocess, ...) are not.
     */
    static final java.util.Set<String> REPEATABLE_BULK_EDITS = java.util.Set.of("add_tag", "remove_tag", "modify_tags",
            "modify_custom_fields", "set_correspondent", "set_document_type", "set_storage_path", "set_permissions");

    /** A {@code bulk_edit} method with its parameters; a result other than OK raises. */
    public JsonNode bulkEdit(DocumentSelection selection, String method, Map<String, Object> parameters) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("method", method);
        body.put("parameters", parameters == null ? Map.of() : parameters);
        RetryCheck<JsonNode> again = REPEATABLE_BULK_EDITS.contains(method) ? failure -> {
            LOG.info("bulk edit {} failed ({}); it sets a state, so it is sent again", method, failure.getMessage());
            return null;
        } : null;
        return ErrorMapper.requireOk(client.send("POST", "documents/bulk_edit", null, client.jsonEntity(selection.into(body)),
                client.type(JsonNode.class), again), "bulk edit " + method);
    }

    /**
     * Sets permissions ({@code set_permissions}: {@code {view:{users,groups}, change:{users,groups}}}) on documents.
     * Without an owner, each document <em>keeps its owner</em>: the server would set it to none, so the owners are read
     * first and the edit is sent once per owner. {@code ownerGiven} with a {@code null} owner clears the owners.
     * With {@code merge} the server adds to the existing permissions and only sets an owner where there is none.
     */
    public JsonNode setPermissions(DocumentSelection selection, Object permissions, boolean ownerGiven, Integer owner,
                                   boolean merge) {
        if (ownerGiven || merge) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("set_permissions", permissions);
            if (ownerGiven) {
                p.put("owner", owner);
            }
            p.put("merge", merge);
            return bulkEdit(selection, "set_permissions", p);
        }
        Query q = Query.create().set("fields", "id,owner");
        if (selection.all()) {
            selection.filters().forEach(q::set);
        } else {
            q.set("id__in", selection.ids().stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        Map<Integer, List<Integer>> byOwner = new LinkedHashMap<>();
        for (JsonNode d : client.<JsonNode> list("documents", q, client.type(JsonNode.class), 0)) {
            Integer o = d.path("owner").isNumber() ? d.path("owner").asInt() : null;
            byOwner.computeIfAbsent(o, k -> new ArrayList<>()).add(d.path("id").asInt());
        }
        if (byOwner.isEmpty()) {
            throw new IllegalArgumentException("setPermissions: none of the selected documents exists (or is visible)");
        }
        JsonNode result = null;
        for (Map.Entry<Integer, List<Integer>> e : byOwner.entrySet()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("set_permissions", permissions);
            p.put("owner", e.getKey());
            p.put("merge", false);
            result = bulkEdit(DocumentSelection.of(e.getValue()), "set_permissions", p);
        }
        return result;
    }

    /**
     * A document action with a dedicated endpoint on API 10 ({@code delete}, {@code reprocess}, {@code rotate},
     * {@code merge}, {@code edit_pdf}, {@code remove_password}) and a {@code bulk_edit} method on API 9.
     */
    public JsonNode action(String action, DocumentSelection selection, Map<String, Object> parameters) {
        if (selection.all() && List.of("merge", "edit_pdf", "remove_password", "split", "delete_pages").contains(action)) {
            throw new IllegalArgumentException(action + " needs explicit document ids (all=true is not accepted by the server)");
        }
        int version = client.negotiate();
        ApiVersions.requireServer(ApiVersions.serverThreeAction(action), 3, client.serverVersion());
        if (ApiVersions.hasDedicatedDocumentActions(version)) {
            Map<String, Object> body = new LinkedHashMap<>(parameters == null ? Map.of() : parameters);
            return ErrorMapper.requireOk(client.send("POST", "documents/" + action, null, selection.into(body), client.type(JsonNode.class)), action);
        }
        return bulkEdit(selection, action, parameters);
    }

}
