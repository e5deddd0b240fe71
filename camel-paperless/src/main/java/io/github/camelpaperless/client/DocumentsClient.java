package io.github.camelpaperless.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import io.github.camelpaperless.client.model.TaskStatus;
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
    private final FreshDocuments fresh;

    DocumentsClient(PaperlessClient client) {
        this.client = client;
        this.crud = client.resource("documents", Document.class);
        this.docType = client.type(Document.class);
        this.fresh = new FreshDocuments(ids -> crud.page(Query.create().set("id__in", ids).set("page_size", ids.size()), 1)
                .items());
    }

    /**
     * The document {@code id}. Documents of this client's uploads that one look saw consumed together are read with one
     * listing for all of them ({@link FreshDocuments}); the result is the same.
     */
    public Document get(int id) {
        return fresh.get(id, crud::get);
    }

    /** The documents of uploads just seen consumed: their reads may share one listing (see {@link FreshDocuments}). */
    void expectReads(List<Integer> ids) {
        if (ids.size() >= 2) {
            fresh.expect(ids);
        }
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

    /** How an upload ended without an error. */
    public enum UploadKind {
        /** The file was sent; {@link UploadOutcome#taskId()} is its consumption task. */
        UPLOADED,
        /** Nothing was sent: a document holds the content already ({@link DuplicatePolicy#SKIP}). */
        DUPLICATE,
        /**
         * Nothing was sent: an earlier upload of the same file (a redelivery, a file picked up again, an attempt whose
         * answer was lost) is queued, running or done in Paperless; {@link UploadOutcome#taskId()} is its task.
         */
        RESUMED
    }

    /**
     * The outcome of {@link #upload(UploadRequest, boolean, DuplicatePolicy)}: the consumption task of the upload (sent
     * now or earlier), or the document that already holds the content (nothing was uploaded).
     *
     * @param taskId        the consumption task, or {@code null}
     * @param duplicateOf   the document that holds the content ({@link UploadKind#DUPLICATE}), or {@code null}
     * @param kind          how the upload ended
     * @param key           the upload's key in the {@link UploadLedger} ({@code null} without one)
     * @param earlierSent   whether an earlier attempt of this upload may have reached the server (its task failing
     *                      as a duplicate of a document then means that document is this upload's)
     */
    public record UploadOutcome(String taskId, Integer duplicateOf, UploadKind kind, String key, boolean earlierSent) {

        public UploadOutcome(String taskId, Integer duplicateOf) {
            this(taskId, duplicateOf, duplicateOf != null ? UploadKind.DUPLICATE : UploadKind.UPLOADED, null, false);
        }

        /** The server's answer to an upload: the task UUID as a JSON string. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static UploadOutcome task(String taskId) {
            return new UploadOutcome(taskId, null);
        }

        /** The document the outcome already names (a duplicate, or what an earlier upload stored), or {@code null}. */
        public Integer documentId() {
            return duplicateOf;
        }

        UploadOutcome with(String ledgerKey, boolean earlier) {
            return new UploadOutcome(taskId, duplicateOf, kind, ledgerKey, earlier || earlierSent);
        }
    }

    /**
     * Uploads a document unless the server holds its content already, remembering it in the client's
     * {@linkplain PaperlessClient#uploadLedger() in-memory ledger} (see
     * {@link #upload(UploadRequest, boolean, DuplicatePolicy, UploadLedger, String)}).
     */
    public UploadOutcome upload(UploadRequest r, boolean createMissing, DuplicatePolicy policy) {
        return upload(r, createMissing, policy, client.uploadLedger(), null);
    }

    /**
     * Uploads a document — at most once per file while Paperless has not seen it through.
     * <ul>
     * <li><b>The same file</b> is the same content (SHA-256) under the same file name, or the same
     * {@code idempotencyKey} when one is given. Every upload is recorded in the {@code ledger} before it is sent. An
     * upload of a file the ledger holds is not sent while the earlier upload's task is queued or running, or done and
     * not yet {@linkplain UploadLedger#complete completed} by the caller: the outcome is {@link UploadKind#RESUMED}
     * with that task (wait for it as for a new one). An earlier task that failed, was revoked or is
     * {@linkplain TasksClient#orphanReason orphaned} does not stop a new upload (after checking that no document holds
     * the content, for an orphan).</li>
     * <li>An upload whose answer was lost (the connection broke, a timeout, 500/502/503/504) is sent again under the
     * {@link RetryPolicy} only after the server's task list shows no consumption task of the file since it was sent
     * (the server's clock; after a short settling pause, since a server that was stalled may still be processing it);
     * a task found is taken over ({@link UploadKind#RESUMED}).</li>
     * <li>{@link DuplicatePolicy#SKIP}: when a document has the content's checksum, returns it as
     * {@link UploadOutcome#duplicateOf()} without uploading. {@link DuplicatePolicy#FAIL}: throws
     * {@link PaperlessDuplicateException} for such a document. {@link DuplicatePolicy#ALLOW}: stored documents are not
     * looked at (Paperless 3 stores a second copy; 2.x refuses it in the task).</li>
     * </ul>
     * A stream is spooled to a temporary file (deleted afterwards) to compute the checksum.
     *
     * @param ledger          where uploads are remembered ({@code null}: the client's in-memory ledger)
     * @param idempotencyKey  what makes two uploads the same file, instead of content and name ({@code null}: those)
     */
    public UploadOutcome upload(UploadRequest r, boolean createMissing, DuplicatePolicy policy, UploadLedger ledger,
                                String idempotencyKey) {
        r.source().requireNotEmpty();
        UploadLedger uploads = ledger != null ? ledger : client.uploadLedger();
        long bytes = r.source().length();
        UploadOutcome outcome;
        try {
            outcome = uploadOnce(r, createMissing, policy, uploads, idempotencyKey);
        } catch (PaperlessDuplicateException e) {
            client.config().observer().uploaded(PaperlessObserver.UploadResult.REJECTED, bytes);
            throw e;
        } catch (PaperlessApiException e) {
            boolean refused = e.getStatusCode() >= 400 && e.getStatusCode() < 500 && e.getStatusCode() != 429;
            client.config().observer().uploaded(refused ? PaperlessObserver.UploadResult.REJECTED
                    : PaperlessObserver.UploadResult.FAILED, bytes);
            throw e;
        } catch (RuntimeException e) {
            client.config().observer().uploaded(PaperlessObserver.UploadResult.FAILED, bytes);
            throw e;
        }
        client.config().observer().uploaded(switch (outcome.kind()) {
            case UPLOADED -> PaperlessObserver.UploadResult.SENT;
            case DUPLICATE -> PaperlessObserver.UploadResult.DUPLICATE_SKIPPED;
            case RESUMED -> PaperlessObserver.UploadResult.RESUMED;
        }, bytes);
        return outcome;
    }

    private UploadOutcome uploadOnce(UploadRequest r, boolean createMissing, DuplicatePolicy policy, UploadLedger uploads,
                                 String idempotencyKey) {
        UploadSource source = r.source().rereadable();
        try {
            Content sums = new Content(source);
            String fileName = r.fileName() == null ? "document" : r.fileName();
            String key = UploadLedger.keyOf(sums::sha256, fileName, idempotencyKey);
            return uploads.withKey(key, () -> {
                UploadLedger.Entry earlier = uploads.find(key);
                if (earlier != null) {
                    UploadOutcome resumed = resume(uploads, earlier, sums, r.orphanedAfter());
                    if (resumed != null) {
                        return resumed.with(key, true);
                    }
                }
                if (policy != DuplicatePolicy.ALLOW) {
                    Integer existing = firstWithChecksum(sums);
                    if (existing != null) {
                        if (policy == DuplicatePolicy.FAIL) {
                            throw new PaperlessDuplicateException(fileName, existing, sums.serverChecksum());
                        }
                        LOG.info("Not uploading {}: duplicate of document #{}", fileName, existing);
                        return new UploadOutcome(null, existing).with(key, false);
                    }
                }
                return send(r, source, createMissing, policy, uploads, key, sums, fileName);
            });
        } finally {
            if (source != r.source()) {
                source.close();
            }
        }
    }

    /** Sends an upload recorded in the ledger; an answer lost on the way is looked for before sending again. */
    private UploadOutcome send(UploadRequest r, UploadSource source, boolean createMissing, DuplicatePolicy policy,
                               UploadLedger uploads, String key, Content sums, String fileName) {
        UploadLedger.Entry entry = uploads.sending(key, fileName, client.serverNow());
        boolean[] ambiguous = { false };
        RetryCheck<UploadOutcome> check = failure -> {
            ambiguous[0] = true;
            UploadOutcome found = lookForAttempt(uploads, entry, sums, policy, failure);
            if (found == null) {
                // a server that was stalled may still be working on the attempt it received: look once more after a pause
                pauseToSettle();
                found = lookForAttempt(uploads, entry, sums, policy, failure);
            }
            if (found == null) {
                LOG.info("Upload of {} failed ({}); no consumption task and no document for it on the server: uploading again",
                        fileName, failure.getMessage());
            }
            return found;
        };
        try {
            UploadOutcome out = client.send("POST", "documents/post_document", null, multipart(r, source, createMissing),
                    client.type(UploadOutcome.class), check);
            if (out.kind() == UploadKind.UPLOADED) {
                uploads.sent(key, out.taskId());
                client.tasks().expect(out.taskId(), entry.sentAt());
            }
            return out.with(key, ambiguous[0]);
        } catch (RuntimeException e) {
            if (!RetryPolicy.isAmbiguous(e) && !ambiguous[0]
                    || e instanceof PaperlessConnectionException && ((PaperlessConnectionException) e).isConnectFailure()
                       && !ambiguous[0]) {
                uploads.forget(key); // provably never took effect (refused, or never reached the server)
            }
            throw e;
        }
    }

    /**
     * Lets a server that just answered again finish what it received while it stalled (a request it read from its
     * socket after a pause): twice the retry policy's first delay (1 s by default).
     */
    private void pauseToSettle() {
        try {
            Thread.sleep(2 * client.config().retryPolicy().initialDelay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * After an ambiguous failure: whether the attempt reached the server — a consumption task of the file since it was
     * sent (taken over), or with {@link DuplicatePolicy#SKIP} a document with the checksum. {@code null}: no trace.
     */
    private UploadOutcome lookForAttempt(UploadLedger uploads, UploadLedger.Entry entry, Content sums,
                                         DuplicatePolicy policy, RuntimeException failure) {
        Task task = attemptTask(entry, sums);
        if (task != null) {
            LOG.info("Upload of {} failed ({}) but the server received it (task {}, {}): not uploading again",
                    entry.fileName(), failure.getMessage(), task.taskId(), task.status() == null ? "?" : task.status().value());
            uploads.adopted(entry, task.taskId());
            return new UploadOutcome(task.taskId(), null, UploadKind.RESUMED, entry.key(), true);
        }
        if (policy == DuplicatePolicy.SKIP) {
            Integer dup = firstWithChecksum(sums);
            if (dup != null) {
                LOG.info("Upload of {} failed ({}) but the document exists as #{}: not uploading again", entry.fileName(),
                        failure.getMessage(), dup);
                uploads.forget(entry.key());
                return new UploadOutcome(null, dup, UploadKind.DUPLICATE, entry.key(), true);
            }
        }
        return null;
    }

    /**
     * The server's consumption task of an upload sent at {@code entry.sentAt()} whose answer was lost, or {@code null}.
     * Several tasks of files of that name since then: the one whose document has the content, else the only one still
     * queued or running; when that cannot tell them apart, {@link PaperlessException} (sending again could double the
     * document, taking another's task could lose this one).
     */
    private Task attemptTask(UploadLedger.Entry entry, Content sums) {
        List<Task> candidates = client.tasks().consumptionsSince(entry.fileName(), entry.sentAt());
        if (candidates.size() <= 1) {
            return candidates.isEmpty() ? null : candidates.get(0);
        }
        List<Integer> docs = new ArrayList<>();
        for (Task t : candidates) {
            Integer d = t.documentId() != null ? t.documentId() : t.duplicateOf();
            if (d != null) {
                docs.add(d);
            }
        }
        if (!docs.isEmpty()) {
            Query q = Query.create().set("id__in", docs).set("checksum__iexact", sums.serverChecksum()).set("fields", "id");
            for (JsonNode d : client.<JsonNode> list("documents", q, client.type(JsonNode.class), 0)) {
                int id = d.path("id").asInt();
                for (Task t : candidates) {
                    if (Integer.valueOf(id).equals(t.documentId()) || Integer.valueOf(id).equals(t.duplicateOf())) {
                        return t;
                    }
                }
            }
        }
        List<Task> unfinished = candidates.stream().filter(t -> !t.isTerminal()).toList();
        if (unfinished.size() == 1) {
            return unfinished.get(0);
        }
        if (unfinished.isEmpty()) {
            return null; // every task of that name has another content: this attempt left no trace
        }
        throw new PaperlessException("Cannot tell which of " + unfinished.size() + " consumption tasks of files named "
                                     + entry.fileName() + " queued since " + entry.sentAt() + " is this upload's: not "
                                     + "uploading again now; the next attempt, after they finished, can tell by content");
    }

    /**
     * An earlier upload of the same file found in the ledger: its task taken over while it may still end in a
     * document, or {@code null} when the file is to be uploaded (the entry is then forgotten).
     */
    private UploadOutcome resume(UploadLedger uploads, UploadLedger.Entry earlier, Content sums, Duration orphanedAfter) {
        Task t;
        if (earlier.taskId() == null) {
            t = attemptTask(earlier, sums);
            if (t != null) {
                uploads.adopted(earlier, t.taskId());
            }
        } else {
            t = client.tasks().byUuid(earlier.taskId());
        }
        if (t == null) {
            // never reached the server, or its task is gone from the list: a document with the content may tell
            return storedSince(uploads, earlier, sums, "its task is not in Paperless' task list");
        }
        String file = earlier.fileName();
        if (!t.isTerminal()) {
            String orphan = client.tasks().orphanReason(t, orphanedAfter);
            if (orphan == null) {
                LOG.info("Not uploading {} again: its earlier upload is {} in Paperless (task {})", file,
                        t.status() == TaskStatus.PENDING ? "queued" : "running", t.taskId());
                client.tasks().expect(t.taskId(), earlier.sentAt());
                return new UploadOutcome(t.taskId(), null, UploadKind.RESUMED, earlier.key(), true);
            }
            LOG.warn("The earlier upload of {} will never finish (task {}): {}", file, t.taskId(), orphan);
            return storedSince(uploads, earlier, sums, "its task is orphaned");
        }
        boolean ended = t.isSuccess() || t.duplicateOf() != null;
        if (ended && !earlier.completed()) {
            LOG.info("Not uploading {} again: its earlier upload ended in Paperless (task {}: {})", file, t.taskId(),
                    t.message());
            return new UploadOutcome(t.taskId(), null, UploadKind.RESUMED, earlier.key(), true);
        }
        uploads.forget(earlier.key()); // seen through before, or failed: this is a new upload
        return null;
    }

    /**
     * The document with the content added since an earlier upload was sent (that upload's, e.g. a worker killed after
     * storing it), taken over; else {@code null}.
     */
    private UploadOutcome storedSince(UploadLedger uploads, UploadLedger.Entry earlier, Content sums, String why) {
        uploads.forget(earlier.key());
        java.time.Instant from = earlier.sentAt() == null ? null : earlier.sentAt().minusSeconds(3);
        Query q = Query.create().set("checksum__iexact", sums.serverChecksum()).set("fields", "id,added");
        for (JsonNode d : client.<JsonNode> list("documents", q, client.type(JsonNode.class), 0)) {
            String added = d.path("added").asText(null);
            if (from == null || added != null && !OffsetDateTime.parse(added).toInstant().isBefore(from)) {
                int doc = d.path("id").asInt();
                LOG.info("Not uploading {} again ({}): document #{}, added since, holds its content", earlier.fileName(),
                        why, doc);
                return new UploadOutcome(null, doc, UploadKind.RESUMED, earlier.key(), true);
            }
        }
        return null;
    }

    private Integer firstWithChecksum(Content sums) {
        for (Document d : list(Query.create().set("checksum__iexact", sums.serverChecksum()))) {
            return d.id();
        }
        return null;
    }

    /**
     * An upload's content and the digests asked of it, each computed once and only when needed: the ledger key needs
     * SHA-256 (none with an idempotency key), a look-up of stored documents the server's own checksum (MD5 on 2.x). A
     * 1 GiB file is read once more per digest, so an upload asks for as few as it can.
     */
    private final class Content {
        private final UploadSource source;
        private String sha256;
        private String md5;

        Content(UploadSource source) {
            this.source = source;
        }

        String sha256() {
            if (sha256 == null) {
                sha256 = source.digest("SHA-256");
            }
            return sha256;
        }

        /** The checksum this server stores and matches duplicates on. */
        String serverChecksum() {
            client.negotiate();
            if (ApiVersions.storesSha256(client.requestedApiVersion(), client.serverVersion())) {
                return sha256();
            }
            if (md5 == null) {
                md5 = source.digest("MD5");
            }
            return md5;
        }
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
        // modify_tags on 2.x answers 200 {"result": "ERROR"} when it failed (logged "Error modifying tags", e.g. a locked
        // SQLite database; nothing applied): for an edit that sets a state, a failed attempt like a 500
        java.util.function.Consumer<JsonNode> failedAttempt = again == null ? null : answer -> {
            if (answer != null && "ERROR".equalsIgnoreCase(answer.path("result").asText())) {
                throw new PaperlessServerException("bulk edit " + method + " answered {\"result\": \"ERROR\"}: the server "
                        + "failed while applying it (its log says why, e.g. 'database is locked' on SQLite)", 500, "POST",
                        "documents/bulk_edit", null, null, answer.toString());
            }
        };
        return ErrorMapper.requireOk(client.sendVerified("POST", "documents/bulk_edit", selection.into(body),
                client.type(JsonNode.class), again, failedAttempt), "bulk edit " + method);
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
        if (action.equals("delete") && !selection.all()) {
            return delete(selection.ids(), ApiVersions.hasDedicatedDocumentActions(version));
        }
        if (ApiVersions.hasDedicatedDocumentActions(version)) {
            Map<String, Object> body = new LinkedHashMap<>(parameters == null ? Map.of() : parameters);
            return ErrorMapper.requireOk(client.send("POST", "documents/" + action, null, selection.into(body), client.type(JsonNode.class)), action);
        }
        return bulkEdit(selection, action, parameters);
    }

    /**
     * Deletes documents (to the trash) and makes sure they are gone: Paperless answers {@code {"result": "OK"}} even
     * when the deletion failed (it logs "Error deleting documents: database is locked" — SQLite under load — and
     * answers OK anyway). One listing of the ids after the answer; documents still there make the attempt a failed
     * one, retried under the {@link RetryPolicy} (deleting is repeatable: nothing was deleted), then reported.
     */
    private JsonNode delete(List<Integer> ids, boolean dedicatedEndpoint) {
        Map<String, Object> body = new LinkedHashMap<>();
        String path = dedicatedEndpoint ? "documents/delete" : "documents/bulk_edit";
        if (!dedicatedEndpoint) {
            body.put("method", "delete");
            body.put("parameters", Map.of());
        }
        body = DocumentSelection.of(ids).into(body);
        JavaType type = client.type(JsonNode.class);
        RetryCheck<JsonNode> gone = failure -> stillThere(ids).isEmpty() ? PaperlessJson.mapper().createObjectNode().put("result", "OK") : null;
        return ErrorMapper.requireOk(client.sendVerified("POST", path, body, type, gone, answer -> {
            if (answer != null && "OK".equalsIgnoreCase(answer.path("result").asText())) {
                List<Integer> left = stillThere(ids);
                if (!left.isEmpty()) {
                    throw new PaperlessServerException("delete answered OK but documents " + left + " still exist: the"
                            + " server failed while deleting and did not say so (its log: 'Error deleting documents',"
                            + " e.g. 'database is locked' on SQLite under load); send the delete again later",
                            500, "POST", path, null, null, null);
                }
            }
        }), "delete");
    }

    /** Which of {@code ids} still exist outside the trash (one listing, id only). */
    private List<Integer> stillThere(List<Integer> ids) {
        Query q = Query.create().set("fields", "id")
                .set("id__in", ids.stream().map(String::valueOf).collect(Collectors.joining(",")));
        List<Integer> left = new ArrayList<>();
        for (JsonNode d : client.<JsonNode> list("documents", q, client.type(JsonNode.class), 0)) {
            left.add(d.path("id").asInt());
        }
        return left;
    }

}
