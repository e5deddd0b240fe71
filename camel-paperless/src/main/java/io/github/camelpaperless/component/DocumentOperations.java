package io.github.camelpaperless.component;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.camelpaperless.client.ChatAnswer;
import io.github.camelpaperless.client.Csv;
import io.github.camelpaperless.client.DocumentSelection;
import io.github.camelpaperless.client.DocumentsClient.DuplicatePolicy;
import io.github.camelpaperless.client.DocumentsClient.UploadKind;
import io.github.camelpaperless.client.DocumentsClient.UploadOutcome;
import io.github.camelpaperless.client.DocumentsClient;
import io.github.camelpaperless.client.Download;
import io.github.camelpaperless.client.ErrorMapper;
import io.github.camelpaperless.client.PagedIterable;
import io.github.camelpaperless.client.PaperlessClient;
import io.github.camelpaperless.client.PaperlessTaskFailedException;
import io.github.camelpaperless.client.NameResolver;
import io.github.camelpaperless.client.Query;
import io.github.camelpaperless.client.UploadLedger;
import io.github.camelpaperless.client.UploadRequest;
import io.github.camelpaperless.client.UploadSource;
import io.github.camelpaperless.client.model.Document;
import io.github.camelpaperless.client.model.Permissions;
import io.github.camelpaperless.client.model.Task;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;
import org.apache.camel.component.file.GenericFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.github.camelpaperless.component.ExchangeInputs.*;

/** The documents operations: reads the exchange, calls {@link DocumentsClient}, writes the result. */
final class DocumentOperations {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentOperations.class);

    private final PaperlessEndpoint endpoint;
    private final PaperlessConfiguration config;

    DocumentOperations(PaperlessEndpoint endpoint) {
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
    }

    PaperlessConfiguration config() {
        return config;
    }

    private PaperlessClient client() throws Exception {
        return endpoint.getClient();
    }

    private DocumentsClient docs() throws Exception {
        return client().documents();
    }

    private int id(Exchange exchange, String op) {
        int id = requireId(exchange, config, op);
        IdHeader.set(exchange.getMessage(), PaperlessResource.documents, id);
        return id;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // reads and CRUD

    Query readQuery(Query q) {
        Query query = objectQuery(config, q);
        if (config.isTruncateContent()) {
            query.set("truncate_content", "true");
        }
        return query;
    }

    /** The query of one page: as {@link #readQuery}, plus the selection data when asked for. */
    Query pageQuery(Query q) {
        Query query = readQuery(q);
        if (config.isIncludeSelectionData()) {
            query.set("include_selection_data", "true");
        }
        return query;
    }

    Object get(Exchange exchange) throws Exception {
        int id = id(exchange, "get");
        Integer version = version(exchange);
        Query q = readQuery(null);
        if (version != null) {
            // the document with the content of that version
            docs().versionQuery(version).asMap().forEach((k, v) -> q.set(k, String.join(",", v)));
        }
        return docs().get(id, q);
    }

    /** The version to read (header CamelPaperlessVersionId, Paperless-ngx 3), or {@code null} for the newest. */
    private static Integer version(Exchange exchange) {
        return exchange.getMessage().getHeader(PaperlessConstants.VERSION_ID, Integer.class);
    }

    Object list(Exchange exchange) throws Exception {
        PagedIterable<Document> all = client().list("documents", readQuery(listQuery(exchange, config)),
                client().type(Document.class), config.getMaxResults());
        return config.isSnapshot() ? all.snapshot() : all;
    }

    Object update(Exchange exchange) throws Exception {
        int id = id(exchange, "update");
        return docs().update(id, requireJsonBody(exchange, "update", "documents"),
                !"replace".equals(config.getCustomFieldsUpdate()));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // upload

    /** The document content from the body: File, Path, GenericFile, InputStream, byte[], String. */
    static UploadSource source(Exchange exchange, String op) {
        Message m = exchange.getMessage();
        Object body = m.getBody();
        if (body == null) {
            throw new IllegalArgumentException(op + " needs the document as the body: a File, Path, GenericFile "
                                               + "(file/ftp consumers), InputStream, byte[] or String");
        }
        if (body instanceof GenericFile) {
            Object file = ((GenericFile<?>) body).getFile();
            if (file instanceof File && ((File) file).isFile()) {
                return UploadSource.of((File) file);
            }
            Object content = ((GenericFile<?>) body).getBody();
            if (content instanceof byte[]) {
                return UploadSource.of((byte[]) content);
            }
            InputStream in = m.getBody(InputStream.class);
            if (in != null) {
                return UploadSource.of(in);
            }
        }
        if (body instanceof File) {
            return UploadSource.of((File) body);
        }
        if (body instanceof Path) {
            return UploadSource.of((Path) body);
        }
        if (body instanceof byte[]) {
            return UploadSource.of((byte[]) body);
        }
        if (body instanceof String) {
            return UploadSource.ofText((String) body);
        }
        if (body instanceof InputStream || body instanceof StreamCache) {
            return UploadSource.of(m.getBody(InputStream.class));
        }
        throw new IllegalArgumentException("Cannot " + op + " a body of type " + body.getClass().getName()
                                           + ": use a File, Path, GenericFile, InputStream, byte[] or String");
    }

    private String fileName(Exchange exchange, UploadSource source) {
        Message m = exchange.getMessage();
        String name = m.getHeader(PaperlessConstants.FILE_NAME, String.class);
        if (name == null) {
            name = config.getFileName();
        }
        if (name == null) {
            name = m.getHeader(Exchange.FILE_NAME_ONLY, String.class);
        }
        if (name == null) {
            name = m.getHeader(Exchange.FILE_NAME, String.class);
        }
        if (name == null) {
            name = source.fileName();
        }
        if (name != null) {
            name = name.replace('\\', '/');
            name = name.substring(name.lastIndexOf('/') + 1);
        }
        return name;
    }

    private static Object header(Message m, String header, Object option) {
        Object v = m.getHeader(header);
        return v != null ? v : option;
    }

    static List<Object> list(Object value) {
        List<Object> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (value instanceof Collection) {
            out.addAll((Collection<?>) value);
        } else if (value instanceof Object[]) {
            out.addAll(List.of((Object[]) value));
        } else if (value instanceof int[]) {
            for (int i : (int[]) value) {
                out.add(i);
            }
        } else {
            out.addAll(Csv.split(String.valueOf(value)));
        }
        return out;
    }

    Object upload(Exchange exchange) throws Exception {
        Message m = exchange.getMessage();
        DuplicatePolicy policy = duplicatePolicy();
        UploadSource source = source(exchange, "upload");
        source.requireNotEmpty();
        String fileName = fileName(exchange, source);
        UploadRequest r = new UploadRequest(source)
                .fileName(fileName)
                .contentType(m.getHeader(PaperlessConstants.CONTENT_TYPE, config.getContentType(), String.class))
                .title(m.getHeader(PaperlessConstants.TITLE, config.getTitle(), String.class))
                .created(header(m, PaperlessConstants.CREATED, config.getCreated()))
                .correspondent(ref(m, PaperlessConstants.CORRESPONDENT, config.getCorrespondent()))
                .documentType(ref(m, PaperlessConstants.DOCUMENT_TYPE, config.getDocumentType()))
                .storagePath(ref(m, PaperlessConstants.STORAGE_PATH, config.getStoragePath()))
                .tags(m.getHeader(PaperlessConstants.TAGS) != null ? list(m.getHeader(PaperlessConstants.TAGS))
                        : optionRefs(config.getTags()))
                .archiveSerialNumber(m.getHeader(PaperlessConstants.ARCHIVE_SERIAL_NUMBER, config.getArchiveSerialNumber(),
                        Long.class));
        Object cf = m.getHeader(PaperlessConstants.CUSTOM_FIELDS);
        if (cf instanceof Map) {
            ((Map<?, ?>) cf).forEach(r::customField);
        } else if (cf instanceof Collection) {
            // fields only: Paperless attaches them with empty values
            ((Collection<?>) cf).forEach(f -> r.customField(f, null));
        } else if (cf != null) {
            throw new IllegalArgumentException("Header " + PaperlessConstants.CUSTOM_FIELDS
                                               + " must be a Map of custom field (id or name) to value, or a List of fields");
        }
        r.orphanedAfter(Duration.ofMillis(config.getTaskOrphanedAfter()));
        UploadLedger ledger = endpoint.getComponent().uploadLedger(config, client());
        UploadOutcome outcome = docs().upload(r, config.isCreateMissing(), policy, ledger,
                m.getHeader(PaperlessConstants.IDEMPOTENCY_KEY, String.class));
        m.setHeader(PaperlessConstants.UPLOAD_OUTCOME, outcome.kind().name().toLowerCase(Locale.ROOT));
        m.setHeader(PaperlessConstants.FILE_NAME, fileName);
        if (outcome.documentId() != null) {
            // nothing was sent: a document holds the content (a duplicate, or what an earlier upload stored)
            int doc = outcome.documentId();
            if (outcome.kind() == UploadKind.DUPLICATE) {
                m.setHeader(PaperlessConstants.DUPLICATE_OF, doc);
            }
            seenThrough(exchange, ledger, outcome, true);
            IdHeader.set(m, PaperlessResource.documents, doc);
            return docs().get(doc);
        }
        String taskId = outcome.taskId();
        m.setHeader(PaperlessConstants.TASK_ID, taskId);
        if (!config.isWaitForCompletion()) {
            seenThrough(exchange, ledger, outcome, false);
            return taskId;
        }
        Object result = awaitDocument(exchange, taskId, outcome);
        seenThrough(exchange, ledger, outcome, true);
        return result;
    }

    /**
     * When the exchange completes successfully, the upload is seen through: the ledger forgets it (or, with its task not
     * known to be finished, keeps it until it is). A failed exchange leaves it: its redelivery, or the file picked up
     * again, takes over the task instead of sending the file again.
     */
    private static void seenThrough(Exchange exchange, UploadLedger ledger, UploadOutcome outcome, boolean taskFinished) {
        if (outcome.key() == null) {
            return;
        }
        exchange.getExchangeExtension().addOnCompletion(new org.apache.camel.support.SynchronizationAdapter() {
            @Override
            public void onComplete(Exchange e) {
                ledger.complete(outcome.key(), taskFinished);
            }
        });
    }

    /** The option duplicates (checked when the endpoint was made). */
    private DuplicatePolicy duplicatePolicy() {
        return config.getDuplicates() == null ? DuplicatePolicy.ALLOW
                : DuplicatePolicy.valueOf(config.getDuplicates().trim().toUpperCase(Locale.ROOT));
    }

    /** Waits for an upload task and returns the created document. */
    Object awaitDocument(Exchange exchange, String taskId) throws Exception {
        return awaitDocument(exchange, taskId, null);
    }

    /**
     * Waits for an upload task and returns the created document. A task that failed as a duplicate of a document is
     * a success when that document is this upload's (an earlier attempt of it reached the server) or when
     * {@code duplicates=skip}: the document is returned with header CamelPaperlessDuplicateOf.
     */
    private Object awaitDocument(Exchange exchange, String taskId, UploadOutcome outcome) throws Exception {
        Task t = client().tasks().waitFor(taskId, Duration.ofMillis(config.getPollInterval()),
                Duration.ofMillis(config.getTaskPollMaxInterval()), Duration.ofMillis(config.getWaitTimeout()),
                Duration.ofMillis(config.getTaskOrphanedAfter()));
        Message m = exchange.getMessage();
        m.setHeader(PaperlessConstants.TASK_STATUS, t.status() == null ? null : t.status().value());
        if (!t.isSuccess()) {
            Integer dup = t.duplicateOf();
            boolean ours = outcome != null && (outcome.earlierSent() || duplicatePolicy() == DuplicatePolicy.SKIP);
            if (dup != null && ours) {
                LOG.info("Task {} of {} found document #{} with the same content{}: taken as this upload's document", taskId,
                        t.fileName(), dup, outcome.earlierSent() ? " (an earlier attempt of this upload stored it)" : "");
                m.setHeader(PaperlessConstants.DUPLICATE_OF, dup);
                IdHeader.set(m, PaperlessResource.documents, dup);
                return docs().get(dup);
            }
            throw new PaperlessTaskFailedException(t);
        }
        Integer docId = t.documentId();
        if (docId == null) {
            // e.g. consumption stopped on purpose (barcode split): no single document to return
            LOG.info("Task {} succeeded without a document id: {}", taskId, t.message());
            return t;
        }
        IdHeader.set(m, PaperlessResource.documents, docId);
        return docs().get(docId);
    }

    Object uploadVersion(Exchange exchange) throws Exception {
        int id = id(exchange, "uploadVersion");
        UploadSource source = source(exchange, "uploadVersion");
        Message m = exchange.getMessage();
        String label = m.getHeader(PaperlessConstants.VERSION_LABEL, String.class);
        String taskId = docs().uploadVersion(id, source, fileName(exchange, source),
                m.getHeader(PaperlessConstants.CONTENT_TYPE, config.getContentType(), String.class), label);
        m.setHeader(PaperlessConstants.TASK_ID, taskId);
        return taskId;
    }

    Object updateVersion(Exchange exchange) throws Exception {
        int id = id(exchange, "updateVersion");
        Message m = exchange.getMessage();
        Integer versionId = m.getHeader(PaperlessConstants.VERSION_ID, Integer.class);
        if (versionId == null) {
            throw new IllegalArgumentException("updateVersion needs the version id in the header " + PaperlessConstants.VERSION_ID);
        }
        String label = m.getHeader(PaperlessConstants.VERSION_LABEL, String.class);
        if (label == null && m.getBody() instanceof String) {
            label = m.getBody(String.class);
        }
        return docs().updateVersionLabel(id, versionId, label);
    }

    Object deleteVersion(Exchange exchange) throws Exception {
        int id = id(exchange, "deleteVersion");
        Integer versionId = exchange.getMessage().getHeader(PaperlessConstants.VERSION_ID, Integer.class);
        if (versionId == null) {
            throw new IllegalArgumentException("deleteVersion needs the version id in the header " + PaperlessConstants.VERSION_ID);
        }
        return ErrorMapper.requireOk(docs().deleteVersion(id, versionId), "deleteVersion");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // downloads

    Object download(Exchange exchange, String kind) throws Exception {
        int id = id(exchange, kind);
        Boolean original = exchange.getMessage().getHeader(PaperlessConstants.ORIGINAL, config.isOriginal(), Boolean.class);
        Download d;
        Integer version = version(exchange);
        switch (kind) {
            case "preview":
                d = docs().preview(id, original, version);
                break;
            case "thumbnail":
                d = docs().thumbnail(id, version);
                break;
            default:
                d = docs().download(id, original, config.isFollowFormatting(), version);
        }
        return stream(exchange, d);
    }

    /** Sets the download as the body, closed when the exchange completes. */
    static InputStream stream(Exchange exchange, Download d) {
        return DownloadBodies.setBody(exchange, d);
    }

    Object bulkDownload(Exchange exchange) throws Exception {
        Map<String, Object> params = params(exchange);
        DocumentSelection sel = selection(exchange, params);
        Object content = params.getOrDefault("content", config.getContent());
        Object compression = params.getOrDefault("compression", config.getCompression());
        Object follow = params.containsKey("follow_formatting") ? params.get("follow_formatting")
                : config.isFollowFormatting() ? Boolean.TRUE : null;
        return stream(exchange, docs().bulkDownload(sel, content == null ? null : content.toString(),
                compression == null ? null : compression.toString(), follow == null ? null : Boolean.valueOf(follow.toString())));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // per-document

    Object metadata(Exchange exchange) throws Exception {
        return docs().metadata(id(exchange, "metadata"), version(exchange));
    }

    /**
     * The document chat: the question from a String body, else the header CamelPaperlessQuery; one document from the
     * header CamelPaperlessId or the option id, else all. The answer streams as the body, closed when the exchange
     * completes.
     */
    Object chat(Exchange exchange) throws Exception {
        Message m = exchange.getMessage();
        Object body = m.getBody();
        String question = body instanceof CharSequence ? body.toString() : m.getHeader(PaperlessConstants.QUERY, String.class);
        if (question == null || question.isBlank()) {
            throw new IllegalArgumentException("Operation chat needs a question: a String body or the header "
                                               + PaperlessConstants.QUERY);
        }
        Object raw = IdHeader.read(m, PaperlessResource.documents, config);
        if (raw == null) {
            raw = config.getId();
        }
        ChatAnswer answer = docs().chat(question, raw == null ? null : toId(raw, PaperlessConstants.ID));
        DownloadBodies.closeOnCompletion(exchange, answer);
        return answer;
    }

    Object addNote(Exchange exchange) throws Exception {
        int id = requireHeaderOrOptionId(exchange, "addNote");
        return docs().addNote(id, exchange.getMessage().getBody(String.class));
    }

    /** For operations whose body is not the id: the id from the header or the option only. */
    private int requireHeaderOrOptionId(Exchange exchange, String op) {
        Object raw = IdHeader.read(exchange.getMessage(), PaperlessResource.documents, config);
        if (raw == null) {
            raw = config.getId();
        }
        if (raw == null) {
            throw new IllegalArgumentException(op + " needs the document id in the header " + PaperlessConstants.ID
                                               + " or the option id");
        }
        int id = toId(raw, PaperlessConstants.ID);
        IdHeader.set(exchange.getMessage(), PaperlessResource.documents, id);
        return id;
    }

    Object deleteNote(Exchange exchange) throws Exception {
        int id = requireHeaderOrOptionId(exchange, "deleteNote");
        Object noteId = exchange.getMessage().getHeader(PaperlessConstants.NOTE_ID);
        if (noteId == null) {
            throw new IllegalArgumentException("deleteNote needs the note id in the header " + PaperlessConstants.NOTE_ID);
        }
        return docs().deleteNote(id, toId(noteId, PaperlessConstants.NOTE_ID));
    }

    Object email(Exchange exchange) throws Exception {
        Map<String, Object> params = params(exchange);
        List<Integer> ids = ids(exchange, PaperlessConstants.DOCUMENT_IDS, false);
        if (ids == null && params.containsKey("documents")) {
            ids = toIds(params.get("documents"), "documents");
        }
        if (ids == null) {
            Object header = IdHeader.read(exchange.getMessage(), PaperlessResource.documents, config);
            Object raw = header != null ? header : config.getId();
            if (raw != null) {
                ids = List.of(toId(raw, PaperlessConstants.ID));
            }
        }
        if (ids == null || ids.isEmpty()) {
            throw new IllegalArgumentException("email needs document ids: header " + PaperlessConstants.DOCUMENT_IDS
                                               + " (or " + PaperlessConstants.ID + ") or documents in the body Map");
        }
        Object addresses = params.get("addresses");
        if (addresses == null) {
            throw new IllegalArgumentException("email needs a body Map with addresses (List or comma separated), subject and message");
        }
        String to = addresses instanceof Collection
                ? String.join(",", ((Collection<?>) addresses).stream().map(String::valueOf).toList())
                : addresses.toString();
        boolean archive = !Boolean.parseBoolean(String.valueOf(params.getOrDefault("original", "false")))
                && Boolean.parseBoolean(String.valueOf(params.getOrDefault("use_archive_version", "true")));
        return docs().email(ids, to, String.valueOf(params.getOrDefault("subject", "")),
                String.valueOf(params.getOrDefault("message", "")), archive);
    }

    Object selectionData(Exchange exchange) throws Exception {
        List<Integer> ids = ids(exchange, PaperlessConstants.DOCUMENT_IDS, true);
        if (ids == null || ids.isEmpty()) {
            throw new IllegalArgumentException("selectionData needs document ids: a List body or header " + PaperlessConstants.DOCUMENT_IDS);
        }
        return docs().selectionData(ids);
    }

    Object autocomplete(Exchange exchange) throws Exception {
        return docs().autocomplete(query(exchange, config), config.getLimit());
    }

    Object search(Exchange exchange) throws Exception {
        return docs().search(query(exchange, config), readQuery(listQuery(exchange, config)), config.getMaxResults());
    }

    Object moreLike(Exchange exchange) throws Exception {
        return docs().moreLike(id(exchange, "moreLike"), readQuery(listQuery(exchange, config)),
                config.getMaxResults());
    }

    Object findDuplicate(Exchange exchange) throws Exception {
        try (UploadSource source = source(exchange, "findDuplicate").rereadable()) {
            source.requireNotEmpty();
            return docs().findByChecksum(source.checksums());
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // bulk

    /** The body as a parameter Map (a Map body), or an empty map (a List body holds the ids). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> params(Exchange exchange) throws Exception {
        Object body = exchange.getMessage().getBody();
        if (body instanceof Map) {
            return new LinkedHashMap<>((Map<String, Object>) body);
        }
        if (body instanceof Permissions) {
            return new LinkedHashMap<>(client().mapper().convertValue(Map.of("set_permissions", body), Map.class));
        }
        if (body instanceof String && ((String) body).trim().startsWith("{")) {
            return new LinkedHashMap<>(client().mapper().readValue((String) body, Map.class));
        }
        return new LinkedHashMap<>();
    }

    /** Ids from the header, a List/array body, the body Map's documents, or all=true with filters. */
    private DocumentSelection selection(Exchange exchange, Map<String, Object> params) {
        List<Integer> ids = ids(exchange, PaperlessConstants.DOCUMENT_IDS, false);
        Object body = exchange.getMessage().getBody();
        if (ids == null && (body instanceof Collection || body instanceof int[] || body instanceof Integer[])) {
            ids = toIds(body, "body");
        }
        if (ids == null && params.containsKey("documents")) {
            ids = toIds(params.remove("documents"), "documents");
        }
        boolean all = config.isAll() || Boolean.TRUE.equals(params.remove("all"));
        if (ids != null && !ids.isEmpty()) {
            return DocumentSelection.of(ids);
        }
        if (all) {
            Map<String, Object> filters = new LinkedHashMap<>();
            listQuery(exchange, config).asMap().forEach((k, v) -> filters.put(k, String.join(",", v)));
            return DocumentSelection.all(filters);
        }
        throw new IllegalArgumentException("No documents selected: put ids in the header " + PaperlessConstants.DOCUMENT_IDS
                                           + " or a List body, or set all=true with filters");
    }

    Object bulkEdit(Exchange exchange) throws Exception {
        Map<String, Object> params = params(exchange);
        Object method = params.remove("method");
        if (method == null) {
            throw new IllegalArgumentException("bulkEdit needs a body Map with method (e.g. add_tag) and parameters");
        }
        DocumentSelection sel = selection(exchange, params);
        @SuppressWarnings("unchecked")
        Map<String, Object> p = params.get("parameters") instanceof Map ? (Map<String, Object>) params.get("parameters") : Map.of();
        return docs().bulkEdit(sel, method.toString(), p);
    }

    Object setObject(Exchange exchange, String key, String resource, String header, String option) throws Exception {
        Map<String, Object> params = params(exchange);
        DocumentSelection sel = selection(exchange, params);
        Object value;
        if (params.containsKey(key)) {
            value = params.get(key);
        } else if (exchange.getMessage().getHeader(header) != null) {
            value = exchange.getMessage().getHeader(header);
        } else if (option != null) {
            value = NameResolver.optionRef(option);
        } else {
            throw new IllegalArgumentException("set_" + key + " needs the " + key + " (id or name) in the header " + header
                                               + ", the option, or the body Map (null clears it)");
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(key, client().names().resolve(resource, value, config.isCreateMissing()));
        return docs().bulkEdit(sel, "set_" + key, p);
    }

    Object tag(Exchange exchange, String method) throws Exception {
        Map<String, Object> params = params(exchange);
        DocumentSelection sel = selection(exchange, params);
        Object tag = params.containsKey("tag") ? params.get("tag")
                : ref(exchange.getMessage(), PaperlessConstants.TAGS, config.getTags());
        if (tag == null) {
            throw new IllegalArgumentException(method + " needs a tag (id or name) in the header " + PaperlessConstants.TAGS
                                               + ", the option tags or the body Map key tag");
        }
        return docs().bulkEdit(sel, method, Map.of("tag", client().names().resolve("tags", tag, config.isCreateMissing())));
    }

    Object modifyTags(Exchange exchange) throws Exception {
        Map<String, Object> params = params(exchange);
        DocumentSelection sel = selection(exchange, params);
        List<Integer> add = new ArrayList<>();
        for (Object t : list(params.get("add_tags"))) {
            add.add(client().names().resolve("tags", t, config.isCreateMissing()));
        }
        List<Integer> remove = new ArrayList<>();
        for (Object t : list(params.get("remove_tags"))) {
            remove.add(client().names().resolve("tags", t, false));
        }
        if (add.isEmpty() && remove.isEmpty()) {
            throw new IllegalArgumentException("modifyTags needs a body Map with add_tags and/or remove_tags (ids or names)");
        }
        return docs().bulkEdit(sel, "modify_tags", Map.of("add_tags", add, "remove_tags", remove));
    }

    Object modifyCustomFields(Exchange exchange) throws Exception {
        Map<String, Object> params = params(exchange);
        DocumentSelection sel = selection(exchange, params);
        Object add = params.containsKey("add_custom_fields") ? params.get("add_custom_fields")
                : exchange.getMessage().getHeader(PaperlessConstants.CUSTOM_FIELDS);
        Object addApi;
        if (add instanceof Map) {
            addApi = client().customFieldDefinitions().toApi((Map<?, ?>) add);
        } else {
            List<Integer> ids = new ArrayList<>();
            for (Object f : list(add)) {
                ids.add(client().customFieldDefinitions().field(f).id());
            }
            addApi = ids;
        }
        List<Integer> remove = new ArrayList<>();
        for (Object f : list(params.get("remove_custom_fields"))) {
            remove.add(client().customFieldDefinitions().field(f).id());
        }
        if ((addApi instanceof Map && ((Map<?, ?>) addApi).isEmpty() || addApi instanceof List && ((List<?>) addApi).isEmpty())
                && remove.isEmpty()) {
            throw new IllegalArgumentException("modifyCustomFields needs add_custom_fields (Map of field to value, or the header "
                                               + PaperlessConstants.CUSTOM_FIELDS + ") and/or remove_custom_fields");
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("add_custom_fields", addApi);
        p.put("remove_custom_fields", remove);
        return docs().bulkEdit(sel, "modify_custom_fields", p);
    }

    Object setPermissions(Exchange exchange) throws Exception {
        Map<String, Object> params = params(exchange);
        DocumentSelection sel = selection(exchange, params);
        Object perms = params.containsKey("set_permissions") ? params.get("set_permissions") : params.get("permissions");
        if (perms == null) {
            throw new IllegalArgumentException("setPermissions needs a Permissions body or a Map with set_permissions "
                                               + "{view, change}, and optionally owner and merge");
        }
        Object owner = params.get("owner");
        return docs().setPermissions(sel, perms, params.containsKey("owner"),
                owner == null ? null : toId(owner, "owner"),
                Boolean.parseBoolean(String.valueOf(params.getOrDefault("merge", "false"))));
    }

    Object action(Exchange exchange, String action, String... required) throws Exception {
        Map<String, Object> params = params(exchange);
        DocumentSelection sel = selection(exchange, params);
        if (action.equals("rotate") && !params.containsKey("degrees") && config.getDegrees() != null) {
            params.put("degrees", config.getDegrees());
        }
        for (String r : required) {
            if (!params.containsKey(r)) {
                throw new IllegalArgumentException(action + " needs " + r + " in the body Map");
            }
        }
        return docs().action(action, sel, params);
    }

    Object bulkEditMethod(Exchange exchange, String method, String... required) throws Exception {
        Map<String, Object> params = params(exchange);
        DocumentSelection sel = selection(exchange, params);
        if (sel.all()) {
            throw new IllegalArgumentException(method + " needs explicit document ids (all=true is not accepted by the server)");
        }
        for (String r : required) {
            if (!params.containsKey(r)) {
                throw new IllegalArgumentException(method + " needs " + r + " in the body Map");
            }
        }
        return docs().bulkEdit(sel, method, params);
    }

}
