package io.github.camelpaperless.component;

import org.apache.camel.spi.Metadata;

/**
 * Message headers of the paperless component. All start with {@code CamelPaperless}, so Camel's header filters keep
 * them from leaking to other systems.
 */
public final class PaperlessConstants {

    @Metadata(label = "producer",
              description = "The operation to perform; overrides the endpoint option operation.",
              javaType = "String")
    public static final String OPERATION = "CamelPaperlessOperation";

    @Metadata(description = "The id of the object (document id, tag id, ...; the log name for logs; the task UUID or id for tasks). "
                            + "Set by producers that return one object and by consumers.",
              javaType = "Object")
    public static final String ID = "CamelPaperlessId";

    @Metadata(description = "Whose id CamelPaperlessId is (resource:id, e.g. tags:12): set with it by every step, so that "
                            + "a step on another resource can tell it reads an earlier step's result (it logs a warning).",
              javaType = "String")
    public static final String ID_RESOURCE = "CamelPaperlessIdResource";

    @Metadata(label = "producer",
              description = "Several object ids (List, array or comma separated String), for bulkDelete and bulkSetPermissions.",
              javaType = "java.util.List<Integer>")
    public static final String IDS = "CamelPaperlessIds";

    @Metadata(label = "producer",
              description = "Filters for list and page as a Map of API filter name to value (e.g. name__icontains -> acme); "
                            + "merged over the endpoint's filter.* options. Collection values of __in/__all/__none keys are sent comma-joined.",
              javaType = "java.util.Map<String, Object>")
    public static final String FILTERS = "CamelPaperlessFilters";

    @Metadata(label = "producer",
              description = "The search query (global search: at least 3 characters; documents: full-text query).",
              javaType = "String")
    public static final String QUERY = "CamelPaperlessQuery";

    @Metadata(label = "producer",
              description = "The page number (1-based) for the page operation.",
              javaType = "Integer")
    public static final String PAGE = "CamelPaperlessPage";

    @Metadata(label = "producer",
              description = "The total number of matching objects (set by page).",
              javaType = "Long")
    public static final String COUNT = "CamelPaperlessCount";

    @Metadata(label = "producer",
              description = "Whether another page follows (set by page).",
              javaType = "Boolean")
    public static final String HAS_NEXT = "CamelPaperlessHasNext";

    @Metadata(label = "producer",
              description = "The counts per correspondent, document type, storage path, tag and custom field over all "
                            + "matching documents (set by documents page with includeSelectionData, Paperless-ngx 3).",
              javaType = "com.fasterxml.jackson.databind.JsonNode")
    public static final String SELECTION_DATA = "CamelPaperlessSelectionData";

    @Metadata(description = "The API version used for the request (9 or 10).",
              javaType = "Integer")
    public static final String API_VERSION = "CamelPaperlessApiVersion";

    @Metadata(description = "The Paperless-ngx server version (its X-Version header), when known.",
              javaType = "String")
    public static final String SERVER_VERSION = "CamelPaperlessServerVersion";

    // ---- documents

    @Metadata(description = "The file name: for upload (default: CamelFileNameOnly / CamelFileName), and of downloaded files "
                            + "(from Content-Disposition, RFC 6266 including filename*=UTF-8'').",
              javaType = "String")
    public static final String FILE_NAME = "CamelPaperlessFileName";

    @Metadata(description = "The MIME type: of the upload part (default: guessed from the file name), and of downloaded files.",
              javaType = "String")
    public static final String CONTENT_TYPE = "CamelPaperlessContentType";

    @Metadata(label = "producer", description = "The length of a downloaded file in bytes, when the server announced it.",
              javaType = "Long")
    public static final String CONTENT_LENGTH = "CamelPaperlessContentLength";

    @Metadata(label = "producer",
              description = "Of a downloaded file: attachment (download) or inline (preview), from Content-Disposition.",
              javaType = "String")
    public static final String DISPOSITION_TYPE = "CamelPaperlessDispositionType";

    @Metadata(description = "The document title (upload metadata; set by consumers).", javaType = "String")
    public static final String TITLE = "CamelPaperlessTitle";

    @Metadata(label = "consumer",
              description = "Documents consumer: what happened to the document: added, or updated (mode=modified; a "
                            + "catch-up poll cannot tell an addition from a change and reports updated unless the "
                            + "document was added since the last position), or consumptionStarted (push with consumptionStartedFilter: "
                            + "Paperless started consuming a file; no document yet).",
              javaType = "String", enums = "added,updated,consumptionStarted")
    public static final String EVENT = "CamelPaperlessEvent";

    @Metadata(label = "consumer",
              description = "Documents consumer: how the document was found: push (a Paperless webhook call, push=true) "
                            + "or poll.",
              javaType = "String", enums = "push,poll")
    public static final String EVENT_SOURCE = "CamelPaperlessEventSource";

    @Metadata(label = "consumer",
              description = "Consumers: true when this document (or task) was emitted before and its exchange did not complete "
                            + "successfully — it failed, or the application stopped or crashed while it was in flight: the "
                            + "route may have done part of its work already (at-least-once delivery). Needs a persistent "
                            + "stateRepository to survive a crash.",
              javaType = "Boolean")
    public static final String REDELIVERED = "CamelPaperlessRedelivered";

    @Metadata(label = "consumer",
              description = "Consumers with a fenced stateRepository (JdbcStateRepository, SharedFileStateRepository): the "
                            + "epoch this instance holds the position with — it grows with each takeover, so a route can "
                            + "pass it to systems that fence writes themselves (a stale leader's exchange carries a "
                            + "smaller one).",
              javaType = "Long")
    public static final String EPOCH = "CamelPaperlessEpoch";

    @Metadata(label = "producer",
              description = "The created date for upload: a LocalDate, OffsetDateTime or String (2016-04-19 or 2016-04-19 06:15:00+02:00).",
              javaType = "Object")
    public static final String CREATED = "CamelPaperlessCreated";

    @Metadata(label = "producer",
              description = "The correspondent (id or name) for upload and setCorrespondent.", javaType = "Object")
    public static final String CORRESPONDENT = "CamelPaperlessCorrespondent";

    @Metadata(label = "producer",
              description = "The document type (id or name) for upload and setDocumentType.", javaType = "Object")
    public static final String DOCUMENT_TYPE = "CamelPaperlessDocumentType";

    @Metadata(label = "producer",
              description = "The storage path (id or name) for upload and setStoragePath.", javaType = "Object")
    public static final String STORAGE_PATH = "CamelPaperlessStoragePath";

    @Metadata(label = "producer",
              description = "Tags (ids or names: a List or a comma separated String) for upload; one tag for addTag and removeTag.",
              javaType = "Object")
    public static final String TAGS = "CamelPaperlessTags";

    @Metadata(label = "producer", description = "The archive serial number for upload.", javaType = "Long")
    public static final String ARCHIVE_SERIAL_NUMBER = "CamelPaperlessArchiveSerialNumber";

    @Metadata(label = "producer",
              description = "Custom field values (Map of field id or name to value) for upload (set at upload) and modifyCustomFields.",
              javaType = "java.util.Map<Object, Object>")
    public static final String CUSTOM_FIELDS = "CamelPaperlessCustomFields";

    @Metadata(description = "The UUID of a task: set by upload and uploadVersion; read by tasks poll; set by the tasks consumer.",
              javaType = "String")
    public static final String TASK_ID = "CamelPaperlessTaskId";

    @Metadata(description = "The status of a task (success, failure, revoked, pending, started).", javaType = "String")
    public static final String TASK_STATUS = "CamelPaperlessTaskStatus";

    @Metadata(label = "producer",
              description = "With duplicates=skip: the id of the existing document the upload duplicated (nothing was uploaded).",
              javaType = "Integer")
    public static final String DUPLICATE_OF = "CamelPaperlessDuplicateOf";

    @Metadata(label = "producer",
              description = "Upload: what makes two uploads the same file, instead of the content and the file name (e.g. a mail's "
                            + "Message-ID and the attachment name). An upload of a file whose earlier upload is still queued or "
                            + "running in Paperless, or done but not seen through, is not sent again: its task is taken over.",
              javaType = "String")
    public static final String IDEMPOTENCY_KEY = "CamelPaperlessIdempotencyKey";

    @Metadata(label = "producer",
              description = "Upload: how it ended — uploaded (sent now), duplicate (duplicates=skip: a document holds the content; "
                            + "nothing sent) or resumed (an earlier upload of the same file — a redelivery, a file picked up "
                            + "again, an attempt whose answer was lost — is queued, running or done in Paperless; nothing sent, "
                            + "its task taken over).",
              javaType = "String", enums = "uploaded,duplicate,resumed")
    public static final String UPLOAD_OUTCOME = "CamelPaperlessUploadOutcome";

    @Metadata(label = "producer", description = "The note id for deleteNote.", javaType = "Integer")
    public static final String NOTE_ID = "CamelPaperlessNoteId";

    @Metadata(label = "producer",
              description = "Document ids (List, array or comma separated String) for bulk operations, email, selectionData and bulkDownload.",
              javaType = "java.util.List<Integer>")
    public static final String DOCUMENT_IDS = "CamelPaperlessDocumentIds";

    @Metadata(label = "producer", description = "For download and preview: the original file instead of the archived version.",
              javaType = "Boolean")
    public static final String ORIGINAL = "CamelPaperlessOriginal";

    @Metadata(label = "producer",
              description = "The document version id (Paperless-ngx 3) for updateVersion and deleteVersion, and to read one "
                            + "version with get, download, preview, thumbnail and metadata (default: the newest).",
              javaType = "Integer")
    public static final String VERSION_ID = "CamelPaperlessVersionId";

    @Metadata(label = "producer", description = "The version label for uploadVersion and updateVersion.", javaType = "String")
    public static final String VERSION_LABEL = "CamelPaperlessVersionLabel";

    @Metadata(label = "producer", description = "tasks summary: the number of days (1 to 365; overrides the option days).",
              javaType = "Integer")
    public static final String DAYS = "CamelPaperlessDays";

    @Metadata(label = "consumer",
              description = "Documents consumer with includeContent: the Document whose file is the body.",
              javaType = "io.github.camelpaperless.client.model.Document")
    public static final String DOCUMENT = "CamelPaperlessDocument";

    private PaperlessConstants() {
    }
}
