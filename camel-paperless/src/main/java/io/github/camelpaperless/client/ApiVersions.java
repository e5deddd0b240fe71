package io.github.camelpaperless.client;

import java.util.Locale;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * The one place for differences between API versions 9 and 10 (and unpaginated endpoints) that the client and the
 * component act on. Model-level differences (task fields, {@code all} key) are read by the models themselves, which
 * accept both shapes.
 */
public final class ApiVersions {

    /** Endpoints that answer a plain JSON array, in every version. */
    private static final Set<String> UNPAGINATED = Set.of("config", "logs", "tasks/active", "tasks/summary",
            "tasks/status_counts");

    private ApiVersions() {
    }

    /** Whether {@code GET /api/<path>/} is paginated ({@code page}/{@code page_size} accepted) in this version. */
    public static boolean isPaginated(String path, int version) {
        String p = normalise(path);
        if (UNPAGINATED.contains(p) || p.startsWith("logs/") || p.endsWith("/notes")) {
            return false;
        }
        if (p.equals("tasks")) {
            // API 9 lists tasks as a plain array; API 10 paginates them
            return version >= 10;
        }
        return true;
    }

    /** API 10 has dedicated document-action endpoints; API 9 uses bulk_edit methods. */
    public static boolean hasDedicatedDocumentActions(int version) {
        return version >= 10;
    }

    /**
     * The document checksum the server stores: SHA-256 on Paperless-ngx 3 (which serves API 10), MD5 before. The
     * server version ({@code X-Version}) decides when known, else the API version.
     */
    public static String checksumFor(Checksums checksums, int apiVersion, String serverVersion) {
        return storesSha256(apiVersion, serverVersion) ? checksums.sha256() : checksums.md5();
    }

    /** Whether the server stores SHA-256 checksums (Paperless-ngx 3) rather than MD5 (see {@link #checksumFor}). */
    public static boolean storesSha256(int apiVersion, String serverVersion) {
        Integer major = major(serverVersion);
        return major != null ? major >= 3 : apiVersion >= 10;
    }

    /**
     * The feature a request path belongs to when it needs Paperless-ngx 3 (document versions, share link bundles, the
     * task views of the redesigned task system), or
     * {@code null}. A 2.x server answers such paths with a redirect to its login page, which would read like a wrong
     * base URL.
     */
    static String serverThreeFeature(String path) {
        String p = normalise(path);
        if (p.equals("share_link_bundles") || p.startsWith("share_link_bundles/")) {
            return "share link bundles";
        }
        if (p.matches("documents/\\d+/(update_version|versions(/\\d+)?|root)")) {
            return "document versions";
        }
        if (p.equals("tasks/active") || p.equals("tasks/summary") || p.equals("tasks/status_counts")) {
            return "tasks active, summary and statusCounts";
        }
        if (p.matches("documents/\\d+/ai_suggestions") || p.equals("documents/chat")) {
            return "AI suggestions and document chat";
        }
        return null;
    }

    /** The query parameters that only Paperless-ngx 3 reads (2.x ignores them silently); else {@code null}. */
    static String serverThreeParameter(String name) {
        return "include_selection_data".equals(name) ? "Selection data with a list (include_selection_data)" : null;
    }

    /** The {@code bulk_edit} methods (and v10 action endpoints) that only Paperless-ngx 3 has. */
    static String serverThreeAction(String action) {
        return "remove_password".equals(action) ? "removePassword (remove_password)" : null;
    }

    /**
     * Fails with {@link PaperlessUnsupportedException} when the server's version is known and older than
     * {@code sinceMajor}.
     */
    static void requireServer(String feature, int sinceMajor, String serverVersion) {
        Integer major = major(serverVersion);
        if (feature != null && major != null && major < sinceMajor) {
            throw new PaperlessUnsupportedException(feature, sinceMajor, serverVersion);
        }
    }

    /**
     * The body of {@code POST /api/tasks/run/}: Paperless-ngx 3 takes {@code task_type} ({@code train_classifier},
     * {@code sanity_check}, {@code llm_index}); 2.x takes {@code task_name} and calls the sanity check
     * {@code check_sanity} (it also runs {@code index_optimize}).
     */
    static Map<String, Object> runTaskBody(String taskType, String serverVersion) {
        Integer major = major(serverVersion);
        if (major != null && major < 3) {
            String name = taskType.equals("sanity_check") ? "check_sanity" : taskType;
            if (taskType.equals("llm_index")) {
                throw new PaperlessUnsupportedException("running llm_index", 3, serverVersion);
            }
            return Map.of("task_name", name);
        }
        return Map.of("task_type", taskType);
    }

    /** API 10 task filter names; API 9 spells statuses in uppercase. */
    public static String taskStatusFilter(String status, int apiVersion) {
        return apiVersion >= 10 ? status.toLowerCase(Locale.ROOT) : status.toUpperCase(Locale.ROOT);
    }

    /**
     * Whether workflow webhook templates know {@code {{ doc_id }}}: Paperless-ngx 3 does; 2.x does not (and drops every
     * parameter after an unknown one). Unknown version: no ({@code doc_url} serves both).
     */
    public static boolean hasDocIdPlaceholder(String serverVersion) {
        Integer major = major(serverVersion);
        return major != null && major >= 3;
    }

    /**
     * The server-side filters for listing terminal tasks (success, failure, revoked), as far as the server can apply
     * them; callers still check each task. API 10, and API 9 on Paperless-ngx 3 (the same filter set, unpaginated):
     * {@code is_complete}, multi-valued {@code status}, {@code task_type}, {@code trigger_source}, ordered by
     * {@code -date_done}. API 9 on 2.x: exact {@code status} (upper case), {@code task_name} and {@code type} only,
     * each sent when exactly one value is wanted; no ordering, no date filter — the list grows with the task table.
     *
     * @param statuses       wanted statuses (lower case API 10 names; empty: all terminal ones)
     * @param taskTypes      wanted task types (API 10 {@code task_type} = API 9 {@code task_name})
     * @param triggerSources wanted API 10 trigger sources
     */
    public static Query terminalTasks(int apiVersion, String serverVersion, List<String> statuses, List<String> taskTypes,
                                      List<String> triggerSources) {
        Query q = Query.create();
        Integer major = major(serverVersion);
        if (apiVersion >= 10 || major != null && major >= 3) {
            q.set("is_complete", "true").set("ordering", "-date_done");
            q.set("status", statuses);
            q.set("task_type", taskTypes);
            q.set("trigger_source", triggerSources);
            return q;
        }
        if (statuses.size() == 1) {
            q.set("status", statuses.get(0).toUpperCase(java.util.Locale.ROOT));
        }
        if (taskTypes.size() == 1) {
            q.set("task_name", taskTypes.get(0));
        }
        Set<String> types = new java.util.TreeSet<>();
        triggerSources.forEach(t -> types.add(v9TaskType(t)));
        if (types.size() == 1) {
            q.set("type", types.iterator().next());
        }
        return q;
    }

    /** An API 10 trigger source as the coarser API 9 task {@code type}. */
    public static String v9TaskType(String triggerSource) {
        switch (triggerSource) {
            case "scheduled":
                return "scheduled_task";
            case "folder_consume":
            case "email_consume":
            case "system":
                return "auto_task";
            default:
                return "manual_task";
        }
    }

    static Integer major(String serverVersion) {
        if (serverVersion == null || serverVersion.isBlank()) {
            return null;
        }
        try {
            String v = serverVersion.trim();
            int dot = v.indexOf('.');
            return Integer.valueOf(dot > 0 ? v.substring(0, dot) : v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String normalise(String path) {
        String p = path;
        int q = p.indexOf('?');
        if (q >= 0) {
            p = p.substring(0, q);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.startsWith("api/")) {
            p = p.substring(4);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
