package io.github.camelpaperless.component;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.camelpaperless.client.model.*;

import static io.github.camelpaperless.component.PaperlessOperation.*;

/**
 * The API resources (their path names under {@code /api/}) and the operations each supports. This is the single table
 * the endpoint validates against.
 */
public enum PaperlessResource {
    correspondents(Correspondent.class, Kind.COLLECTION, crud(bulkDelete, bulkSetPermissions)),
    document_types(DocumentType.class, Kind.COLLECTION, crud(bulkDelete, bulkSetPermissions)),
    tags(Tag.class, Kind.COLLECTION, crud(bulkDelete, bulkSetPermissions)),
    storage_paths(StoragePath.class, Kind.COLLECTION, crud(bulkDelete, bulkSetPermissions, test)),
    custom_fields(CustomField.class, Kind.COLLECTION, crud()),
    saved_views(SavedView.class, Kind.COLLECTION, crud()),
    share_links(ShareLink.class, Kind.COLLECTION, EnumSet.of(get, list, page, create, delete)),
    share_link_bundles(ShareLinkBundle.class, Kind.COLLECTION, crud(rebuild)),
    users(User.class, Kind.COLLECTION, crud(deactivateTotp)),
    groups(Group.class, Kind.COLLECTION, crud()),
    mail_accounts(MailAccount.class, Kind.COLLECTION, crud(test, process)),
    mail_rules(MailRule.class, Kind.COLLECTION, crud()),
    processed_mail(ProcessedMail.class, Kind.COLLECTION, EnumSet.of(get, list, page, bulkDelete)),
    workflows(Workflow.class, Kind.COLLECTION, crud()),
    workflow_triggers(WorkflowTrigger.class, Kind.COLLECTION, crud()),
    workflow_actions(WorkflowAction.class, Kind.COLLECTION, crud()),
    config(ApplicationConfiguration.class, Kind.COLLECTION, EnumSet.of(get, list, update)),
    profile(Profile.class, Kind.SINGLETON, EnumSet.of(get, update, generateToken)),
    statistics(Statistics.class, Kind.SINGLETON, EnumSet.of(get)),
    status(SystemStatus.class, Kind.SINGLETON, EnumSet.of(get)),
    remote_version(RemoteVersion.class, Kind.SINGLETON, EnumSet.of(get)),
    ui_settings(UiSettings.class, Kind.SINGLETON, EnumSet.of(get, update)),
    logs(String.class, Kind.NAMED, EnumSet.of(list, get)),
    search(GlobalSearchResult.class, Kind.SINGLETON, EnumSet.of(PaperlessOperation.search)),
    token(AuthToken.class, Kind.SINGLETON, EnumSet.of(create)),
    documents(Document.class, Kind.COLLECTION, EnumSet.of(get, list, page, update, replace, delete, upload, download,
            preview, thumbnail, metadata, suggestions, notes, addNote, deleteNote, shareLinks, history, root, nextAsn, email,
            uploadVersion, updateVersion, deleteVersion, selectionData, bulkDownload, autocomplete, PaperlessOperation.search,
            moreLike, findDuplicate, bulkEdit, setCorrespondent, setDocumentType, setStoragePath, addTag, removeTag,
            modifyTags, modifyCustomFields, setPermissions, bulkDelete, reprocess, rotate, merge, split, deletePages,
            editPdf, removePassword)),
    tasks(Task.class, Kind.COLLECTION, EnumSet.of(get, list, page, active, summary, statusCounts, acknowledge, run, poll)),
    trash(Document.class, Kind.COLLECTION, EnumSet.of(list, page, restore, empty));

    /** The resources whose reads accept {@code full_perms=true}. */
    public static final Set<PaperlessResource> FULL_PERMS
            = Collections.unmodifiableSet(EnumSet.of(correspondents, document_types, tags, storage_paths, saved_views, documents));

    /** How objects of a resource are addressed. */
    public enum Kind {
        /** {@code /api/<path>/} lists, {@code /api/<path>/<id>/} is one object. */
        COLLECTION,
        /** {@code /api/<path>/} is the one object. */
        SINGLETON,
        /** Objects are addressed by name ({@code /api/logs/<name>/}). */
        NAMED
    }

    private final Class<?> model;
    private final Kind kind;
    private final Set<PaperlessOperation> operations;

    PaperlessResource(Class<?> model, Kind kind, Set<PaperlessOperation> operations) {
        this.model = model;
        this.kind = kind;
        this.operations = Collections.unmodifiableSet(operations);
    }

    private static Set<PaperlessOperation> crud(PaperlessOperation... extra) {
        EnumSet<PaperlessOperation> s = EnumSet.of(get, list, page, create, update, replace, delete);
        s.addAll(Arrays.asList(extra));
        return s;
    }

    /** The API path name, e.g. {@code document_types}. */
    public String path() {
        return name();
    }

    public Class<?> model() {
        return model;
    }

    public Kind kind() {
        return kind;
    }

    public Set<PaperlessOperation> operations() {
        return operations;
    }

    public boolean supports(PaperlessOperation op) {
        return operations.contains(op);
    }

    /** The operations as a comma separated list, in declaration order. */
    public String operationNames() {
        return operations.stream().map(Enum::name).collect(Collectors.joining(", "));
    }

    /** The operation used when none is configured: {@code get} for single objects, else {@code list}. */
    public PaperlessOperation defaultOperation() {
        if (operations.contains(list)) {
            return list;
        }
        return operations.isEmpty() ? null : operations.iterator().next();
    }

    /**
     * Looks a resource up by its API path name.
     *
     * @throws IllegalArgumentException listing the valid names
     */
    public static PaperlessResource of(String path) {
        if (path != null) {
            String p = path.trim();
            while (p.startsWith("/")) {
                p = p.substring(1);
            }
            while (p.endsWith("/")) {
                p = p.substring(0, p.length() - 1);
            }
            for (PaperlessResource r : values()) {
                if (r.name().equals(p)) {
                    return r;
                }
            }
        }
        throw new IllegalArgumentException(
                "Unknown Paperless resource '" + path + "': use one of " + names() + " (e.g. paperless:documents)");
    }

    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
