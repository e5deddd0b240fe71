package io.github.camelpaperless.component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;

import static io.github.camelpaperless.component.PaperlessResource.*;

/**
 * Every producer operation, defined once: name, resources, inputs, result and call. Adding an operation is a
 * definition here (a simple one calls the client directly, e.g. {@code notes}), a client method, its name in the
 * {@code operation} option's choices (PaperlessConfiguration; {@code OperationsTest} fails until it is there), and a
 * test. The order here is the order of the {@code operation} choices in the
 * metadata and the messages. {@code OperationsTest} checks that the metadata's choices and the docs' table agree with
 * these definitions.
 */
public final class Operations {

    private Operations() {
    }

    /** The collections with full CRUD. */
    private static final Set<PaperlessResource> CRUD = EnumSet.of(correspondents, document_types, tags, storage_paths,
            custom_fields, saved_views, share_link_bundles, users, groups, mail_accounts, mail_rules, workflows,
            workflow_triggers, workflow_actions);
    /** Collections read through the generic get/list/page. */
    private static final Set<PaperlessResource> READABLE = union(CRUD, EnumSet.of(share_links, processed_mail));
    /** Objects with permissions managed through bulk_edit_objects. */
    private static final Set<PaperlessResource> MATCHING = EnumSet.of(correspondents, document_types, tags, storage_paths);
    private static final Set<PaperlessResource> SINGLETONS = EnumSet.of(profile, statistics, status, remote_version,
            ui_settings);

    private static final String ID = "id: header CamelPaperlessId, option id, or an Integer body";
    private static final String IDS = "ids: a List, int[] or comma separated String body, or header CamelPaperlessIds";
    private static final String DOC_IDS = "document ids: header CamelPaperlessDocumentIds or a List body, or all=true with filters";
    private static final String JSON_BODY = "body: a model, a Map or a JSON String";
    private static final String FILTERS = "filters: options filter.<name>, header CamelPaperlessFilters (Map); ordering, "
                                          + "fields, fullPerms, maxResults";

    /** A document operation: reads the exchange itself. */
    @FunctionalInterface
    private interface DocumentCall {
        Object run(DocumentOperations d, Exchange e) throws Exception;
    }

    /** A task or trash operation: reads the exchange itself. */
    @FunctionalInterface
    private interface TaskCall {
        Object run(TaskOperations t, Exchange e) throws Exception;
    }

    private static Operation.Call documents(DocumentCall c) {
        return x -> c.run(x.documents(), x.exchange());
    }

    private static Operation.Call tasks(TaskCall c) {
        return x -> c.run(x.tasks(), x.exchange());
    }

    private static Operation op(String name, Set<PaperlessResource> resources, String inputs, String result,
                                Operation.Call call) {
        return new Operation(name, resources, inputs, result, call);
    }

    private static Set<PaperlessResource> union(Set<PaperlessResource> a, Set<PaperlessResource> b) {
        EnumSet<PaperlessResource> s = EnumSet.copyOf(a);
        s.addAll(b);
        return s;
    }

    private static final Set<PaperlessResource> DOCS = EnumSet.of(documents);
    private static final Set<PaperlessResource> TASKS = EnumSet.of(tasks);
    private static final Set<PaperlessResource> TRASH = EnumSet.of(trash);

    /** Every definition, in the order of the operation names. */
    public static final List<Operation> ALL = List.of(
            // ---- generic
            op("get", READABLE, ID, "the model (Tag, Correspondent, ...); header CamelPaperlessId",
                    x -> x.objects().get(x)),
            op("get", EnumSet.of(config), "optional id (default: the one configuration)", "ApplicationConfiguration",
                    x -> x.objects().getConfig(x)),
            op("get", SINGLETONS, "-", "the object (Profile, Statistics, SystemStatus, RemoteVersion, UiSettings)",
                    x -> x.objects().getSingleton(x)),
            op("get", EnumSet.of(logs), "log name in header CamelPaperlessId or option id; option limit", "List<String> lines",
                    x -> x.objects().getLog(x)),
            op("get", DOCS, ID + "; header CamelPaperlessVersionId for one version (3.x)", "Document",
                    documents(DocumentOperations::get)),
            op("get", TASKS, "task UUID (header CamelPaperlessTaskId, option id, String body) or integer id", "Task",
                    tasks(TaskOperations::get)),
            op("list", union(READABLE, EnumSet.of(config)), FILTERS,
                    "a lazy PagedIterable of models across all pages (split(body()).streaming())", x -> x.objects().list(x)),
            op("list", EnumSet.of(logs), "-", "List<String> log names", x -> x.objects().listLogs(x)),
            op("list", DOCS, FILTERS + "; truncateContent", "a lazy PagedIterable<Document>", documents(DocumentOperations::list)),
            op("list", TASKS, FILTERS, "a lazy PagedIterable<Task>", tasks(TaskOperations::list)),
            op("list", TRASH, FILTERS, "a lazy PagedIterable<Document> of deleted documents", tasks(TaskOperations::trashList)),
            op("page", union(READABLE, union(TASKS, TRASH)), "as list, plus header CamelPaperlessPage (1-based)",
                    "the items of one page; headers CamelPaperlessCount, CamelPaperlessPage, CamelPaperlessHasNext",
                    x -> x.objects().page(x, q -> q)),
            op("page", DOCS, "as list, plus header CamelPaperlessPage (1-based); includeSelectionData (3.x)",
                    "List<Document>; page headers; CamelPaperlessSelectionData", x -> x.objects().page(x, x.documents()::pageQuery)),
            op("create", union(CRUD, EnumSet.of(share_links)), JSON_BODY, "the created model; header CamelPaperlessId",
                    x -> x.objects().create(x)),
            op("create", EnumSet.of(token), "options username and password; a Map body with code (TOTP) when the user has "
                                            + "two-factor authentication", "AuthToken", x -> x.objects().createToken(x)),
            op("update", CRUD, ID + "; " + JSON_BODY + " with the fields to change (PATCH)", "the updated model",
                    x -> x.objects().update(x)),
            op("update", EnumSet.of(config), "optional id; " + JSON_BODY, "ApplicationConfiguration",
                    x -> x.objects().updateConfig(x)),
            op("update", EnumSet.of(profile), JSON_BODY, "Profile", x -> x.objects().updateProfile(x)),
            op("update", EnumSet.of(ui_settings), "body: the settings Map (wrapped in {settings: ...} when needed)",
                    "the server's answer", x -> x.objects().updateUiSettings(x)),
            op("update", DOCS, ID + "; " + JSON_BODY + "; custom_fields merged or replaced (option customFieldsUpdate)",
                    "Document", documents(DocumentOperations::update)),
            op("replace", union(CRUD, DOCS), ID + "; the full " + JSON_BODY + " (PUT)", "the replaced model",
                    x -> x.objects().replace(x)),
            op("delete", union(CRUD, union(DOCS, EnumSet.of(share_links))), ID, "true (documents go to the trash)",
                    x -> x.objects().delete(x)),
            op("bulkDelete", MATCHING, IDS, "{result: OK}", x -> x.objects().bulkDelete(x)),
            op("bulkDelete", EnumSet.of(processed_mail), IDS, "{result: OK, deleted_mail_ids: [...]}",
                    x -> x.objects().bulkDeleteProcessedMail(x)),
            op("bulkDelete", DOCS, DOC_IDS, "{result: OK} (to the trash; an OK the server gave though they are still there is sent again, then raised)",
                    documents((d, e) -> d.action(e, "delete"))),
            op("bulkSetPermissions", MATCHING, "ids in CamelPaperlessIds; body: Permissions or Map with permissions, owner, merge",
                    "{result: OK}", x -> x.objects().bulkSetPermissions(x)),
            // ---- resource specific
            op("rebuild", EnumSet.of(share_link_bundles), ID, "ShareLinkBundle", x -> x.objects().rebuild(x)),
            op("test", EnumSet.of(storage_paths), "body Map: path (template) and document (id)", "the rendered path",
                    x -> x.objects().testStoragePath(x)),
            op("test", EnumSet.of(mail_accounts), "body: the account settings", "{success: true}",
                    x -> x.objects().testMailAccount(x)),
            op("process", EnumSet.of(mail_accounts), ID, "{result: OK} (the server fetches in the background)",
                    x -> x.objects().processMailAccount(x)),
            op("deactivateTotp", EnumSet.of(users), ID, "true", x -> x.objects().deactivateTotp(x)),
            op("deactivateTotp", EnumSet.of(profile), "-", "true (404 when TOTP was off)",
                    x -> x.client().profile().deactivateTotp()),
            op("generateToken", EnumSet.of(profile), "-", "the new token (String)", x -> x.client().profile().generateToken()),
            op("setupTotp", EnumSet.of(profile), "-", "TotpSetup: a new secret, its otpauth URL and QR code (not active yet)",
                    x -> x.client().profile().setupTotp()),
            op("activateTotp", EnumSet.of(profile), "body Map: secret (from setupTotp) and code",
                    "TotpActivation: success and recovery codes", x -> x.objects().activateTotp(x)),
            op("socialAccountProviders", EnumSet.of(profile), "-", "List<SocialAccountProvider>",
                    x -> x.client().profile().socialAccountProviders()),
            op("disconnectSocialAccount", EnumSet.of(profile), "social account id: header CamelPaperlessId, option id or an "
                                                               + "Integer body", "the id",
                    x -> x.client().profile().disconnectSocialAccount(x.id())),
            op("search", EnumSet.of(search), "query: header CamelPaperlessQuery or option query (3 characters or more)",
                    "GlobalSearchResult", x -> x.objects().globalSearch(x)),
            op("search", DOCS, "query (Paperless syntax): header CamelPaperlessQuery or option query; filters",
                    "a lazy PagedIterable<Document>, each with its search hit", documents(DocumentOperations::search)),
            // ---- documents
            op("upload", DOCS, "body: File, Path, GenericFile, InputStream, byte[] or String; metadata headers/options; "
                               + "waitForCompletion, duplicates", "the task UUID, or the Document with waitForCompletion",
                    documents(DocumentOperations::upload)),
            op("download", DOCS, ID + "; original, followFormatting, CamelPaperlessVersionId",
                    "InputStream (closed when the exchange completes); file name, type, length headers",
                    documents((d, e) -> d.download(e, "download"))),
            op("preview", DOCS, ID + "; original, CamelPaperlessVersionId", "InputStream",
                    documents((d, e) -> d.download(e, "preview"))),
            op("thumbnail", DOCS, ID + "; CamelPaperlessVersionId", "InputStream (image/webp)",
                    documents((d, e) -> d.download(e, "thumbnail"))),
            op("metadata", DOCS, ID + "; CamelPaperlessVersionId", "DocumentMetadata", documents(DocumentOperations::metadata)),
            op("suggestions", DOCS, ID, "Suggestions", x -> x.client().documents().suggestions(x.id())),
            op("aiSuggestions", DOCS, ID, "AiSuggestions (3.x with AI on)", x -> x.client().documents().aiSuggestions(x.id())),
            op("chat", DOCS, "question: a String body or header CamelPaperlessQuery; optional document: header "
                             + "CamelPaperlessId or option id", "ChatAnswer: an InputStream of the answer as it arrives, "
                                                               + "closed when the exchange completes (3.x with AI on)",
                    documents(DocumentOperations::chat)),
            op("notes", DOCS, ID, "List<Note>", x -> x.client().documents().notes(x.id())),
            op("addNote", DOCS, "id: header or option; body: the text", "List<Note>", documents(DocumentOperations::addNote)),
            op("deleteNote", DOCS, "id: header or option; header CamelPaperlessNoteId", "List<Note>",
                    documents(DocumentOperations::deleteNote)),
            op("shareLinks", DOCS, ID, "List<ShareLink>", x -> x.client().documents().shareLinks(x.id())),
            op("history", DOCS, ID, "List<HistoryEntry>", x -> x.client().documents().history(x.id())),
            op("root", DOCS, ID, "the root document id of a version chain (3.x)", x -> x.client().documents().root(x.id())),
            op("nextAsn", DOCS, "-", "the next free archive serial number", x -> x.client().documents().nextAsn()),
            op("email", DOCS, "ids: header CamelPaperlessDocumentIds or CamelPaperlessId; body Map: addresses, subject, "
                              + "message, original", "the server's answer", documents(DocumentOperations::email)),
            op("uploadVersion", DOCS, "id; body: the file; header CamelPaperlessVersionLabel", "the task UUID (3.x)",
                    documents(DocumentOperations::uploadVersion)),
            op("updateVersion", DOCS, "id; headers CamelPaperlessVersionId, CamelPaperlessVersionLabel",
                    "DocumentVersionInfo (3.x)", documents(DocumentOperations::updateVersion)),
            op("deleteVersion", DOCS, "id; header CamelPaperlessVersionId", "the server's answer (3.x)",
                    documents(DocumentOperations::deleteVersion)),
            op("selectionData", DOCS, "ids: a List body or header CamelPaperlessDocumentIds",
                    "counts per correspondent, tag, type, ...", documents(DocumentOperations::selectionData)),
            op("bulkDownload", DOCS, DOC_IDS + "; content, compression, followFormatting", "InputStream of a zip",
                    documents(DocumentOperations::bulkDownload)),
            op("autocomplete", DOCS, "term: header CamelPaperlessQuery or option query; limit", "List<String>",
                    documents(DocumentOperations::autocomplete)),
            op("moreLike", DOCS, ID + "; filters", "a lazy PagedIterable<Document>", documents(DocumentOperations::moreLike)),
            op("findDuplicate", DOCS, "body: the file content", "List<Document> with the same checksum",
                    documents(DocumentOperations::findDuplicate)),
            op("bulkEdit", DOCS, DOC_IDS + "; body Map: method, parameters", "{result: OK}",
                    documents(DocumentOperations::bulkEdit)),
            op("setCorrespondent", DOCS, DOC_IDS + "; header CamelPaperlessCorrespondent or option (Integer id or name)",
                    "{result: OK}", documents((d, e) -> d.setObject(e, "correspondent", "correspondents",
                            PaperlessConstants.CORRESPONDENT, d.config().getCorrespondent()))),
            op("setDocumentType", DOCS, DOC_IDS + "; header CamelPaperlessDocumentType or option (Integer id or name)",
                    "{result: OK}", documents((d, e) -> d.setObject(e, "document_type", "document_types",
                            PaperlessConstants.DOCUMENT_TYPE, d.config().getDocumentType()))),
            op("setStoragePath", DOCS, DOC_IDS + "; header CamelPaperlessStoragePath or option (Integer id or name)",
                    "{result: OK}", documents((d, e) -> d.setObject(e, "storage_path", "storage_paths",
                            PaperlessConstants.STORAGE_PATH, d.config().getStoragePath()))),
            op("addTag", DOCS, DOC_IDS + "; header CamelPaperlessTags or option tags (one tag)", "{result: OK}",
                    documents((d, e) -> d.tag(e, "add_tag"))),
            op("removeTag", DOCS, DOC_IDS + "; header CamelPaperlessTags or option tags (one tag)", "{result: OK}",
                    documents((d, e) -> d.tag(e, "remove_tag"))),
            op("modifyTags", DOCS, DOC_IDS + "; body Map: add_tags, remove_tags (ids or names)", "{result: OK}",
                    documents(DocumentOperations::modifyTags)),
            op("modifyCustomFields", DOCS, DOC_IDS + "; body Map: add_custom_fields (Map field to value), "
                                           + "remove_custom_fields", "{result: OK}",
                    documents(DocumentOperations::modifyCustomFields)),
            op("setPermissions", DOCS, DOC_IDS + "; body: Permissions or Map set_permissions, owner (default: kept), merge",
                    "{result: OK}", documents(DocumentOperations::setPermissions)),
            op("reprocess", DOCS, DOC_IDS, "{result: OK}", documents((d, e) -> d.action(e, "reprocess"))),
            op("rotate", DOCS, DOC_IDS + "; degrees (body Map or option)", "{result: OK}",
                    documents((d, e) -> d.action(e, "rotate", "degrees"))),
            op("merge", DOCS, "ids; body Map: metadata_document_id, delete_originals, archive_fallback", "{result: OK}",
                    documents((d, e) -> d.action(e, "merge"))),
            op("split", DOCS, "one id; body Map: pages (\"1-2,3\"), delete_originals", "{result: OK}",
                    documents((d, e) -> d.bulkEditMethod(e, "split", "pages"))),
            op("deletePages", DOCS, "one id; body Map: pages ([ints])", "{result: OK}",
                    documents((d, e) -> d.bulkEditMethod(e, "delete_pages", "pages"))),
            op("editPdf", DOCS, "one id; body Map: operations, update_document, include_metadata, delete_original",
                    "{result: OK}", documents((d, e) -> d.action(e, "edit_pdf", "operations"))),
            op("removePassword", DOCS, "ids; body Map: password, update_document, delete_original (3.x)", "{result: OK}",
                    documents((d, e) -> d.action(e, "remove_password", "password"))),
            // ---- tasks and trash
            op("active", TASKS, "-", "List<Task> pending or started (3.x)", tasks(TaskOperations::active)),
            op("summary", TASKS, "days (option, or header CamelPaperlessDays)", "List<TaskSummary> (3.x)",
                    tasks(TaskOperations::summary)),
            op("statusCounts", TASKS, "filters", "TaskStatusCounts (3.x)", tasks(TaskOperations::statusCounts)),
            op("acknowledge", TASKS, "task ids: List body or header CamelPaperlessIds, or all=true",
                    "the number acknowledged", tasks(TaskOperations::acknowledge)),
            op("run", TASKS, "taskType (option) or a String body", "the task UUID (3.x) or the task's result (2.x)",
                    tasks(TaskOperations::run)),
            op("poll", TASKS, "task UUID: header CamelPaperlessTaskId or the body; pollInterval, waitTimeout, failOnTaskFailure",
                    "the finished Task; headers CamelPaperlessTaskStatus, CamelPaperlessId", tasks(TaskOperations::poll)),
            op("restore", TRASH, "document ids: a List body or header CamelPaperlessDocumentIds", "{result: OK}",
                    tasks(TaskOperations::restore)),
            op("empty", TRASH, "document ids, or all=true to purge the whole trash", "{result: OK}",
                    tasks(TaskOperations::empty)));

    /** Every operation name, each once, in definition order. */
    public static List<String> names() {
        Set<String> out = new LinkedHashSet<>();
        ALL.forEach(o -> out.add(o.name()));
        return Collections.unmodifiableList(new ArrayList<>(out));
    }

    /** The names a resource supports, in definition order. */
    public static List<String> namesFor(PaperlessResource resource) {
        Set<String> supported = ALL.stream().filter(o -> o.resources().contains(resource)).map(Operation::name)
                .collect(Collectors.toSet());
        return names().stream().filter(supported::contains).toList();
    }

    public static boolean isKnown(String name) {
        return name != null && names().contains(name.trim());
    }

    /** The definition of an operation for a resource, or {@code null}. */
    public static Operation find(PaperlessResource resource, String name) {
        if (name == null) {
            return null;
        }
        String n = name.trim();
        for (Operation o : ALL) {
            if (o.name().equals(n) && o.resources().contains(resource)) {
                return o;
            }
        }
        return null;
    }
}
