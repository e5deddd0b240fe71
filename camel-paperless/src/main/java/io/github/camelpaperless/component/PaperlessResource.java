package io.github.camelpaperless.component;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.camelpaperless.client.model.*;

/**
 * The API resources (their path names under {@code /api/}), their models and how their objects are addressed. Which
 * operations each supports comes from {@link Operations}.
 */
public enum PaperlessResource {
    correspondents(Correspondent.class, Kind.COLLECTION),
    document_types(DocumentType.class, Kind.COLLECTION),
    tags(Tag.class, Kind.COLLECTION),
    storage_paths(StoragePath.class, Kind.COLLECTION),
    custom_fields(CustomField.class, Kind.COLLECTION),
    saved_views(SavedView.class, Kind.COLLECTION),
    share_links(ShareLink.class, Kind.COLLECTION),
    share_link_bundles(ShareLinkBundle.class, Kind.COLLECTION),
    users(User.class, Kind.COLLECTION),
    groups(Group.class, Kind.COLLECTION),
    mail_accounts(MailAccount.class, Kind.COLLECTION),
    mail_rules(MailRule.class, Kind.COLLECTION),
    processed_mail(ProcessedMail.class, Kind.COLLECTION),
    workflows(Workflow.class, Kind.COLLECTION),
    workflow_triggers(WorkflowTrigger.class, Kind.COLLECTION),
    workflow_actions(WorkflowAction.class, Kind.COLLECTION),
    config(ApplicationConfiguration.class, Kind.COLLECTION),
    profile(Profile.class, Kind.SINGLETON),
    statistics(Statistics.class, Kind.SINGLETON),
    status(SystemStatus.class, Kind.SINGLETON),
    remote_version(RemoteVersion.class, Kind.SINGLETON),
    ui_settings(UiSettings.class, Kind.SINGLETON),
    logs(String.class, Kind.NAMED),
    search(GlobalSearchResult.class, Kind.SINGLETON),
    token(AuthToken.class, Kind.SINGLETON),
    documents(Document.class, Kind.COLLECTION),
    tasks(Task.class, Kind.COLLECTION),
    trash(Document.class, Kind.COLLECTION);

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

    PaperlessResource(Class<?> model, Kind kind) {
        this.model = model;
        this.kind = kind;
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

    /** The operations of this resource (from {@link Operations}), in their order. */
    public List<String> operations() {
        return Operations.namesFor(this);
    }

    public boolean supports(String operation) {
        return Operations.find(this, operation) != null;
    }

    /** The operations as a comma separated list, in declaration order. */
    public String operationNames() {
        return String.join(", ", operations());
    }

    /** The operation used when none is configured: {@code list} where there is one, else the first ({@code get}). */
    public String defaultOperation() {
        List<String> ops = operations();
        return ops.contains("list") ? "list" : ops.isEmpty() ? null : ops.get(0);
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
