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

    @Metadata(description = "The API version used for the request (9 or 10).",
              javaType = "Integer")
    public static final String API_VERSION = "CamelPaperlessApiVersion";

    @Metadata(description = "The Paperless-ngx server version (its X-Version header), when known.",
              javaType = "String")
    public static final String SERVER_VERSION = "CamelPaperlessServerVersion";

    private PaperlessConstants() {
    }
}
