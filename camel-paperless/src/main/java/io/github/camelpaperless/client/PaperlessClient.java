package io.github.camelpaperless.client;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.github.camelpaperless.client.model.*;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.pool.PoolStats;

/**
 * A Paperless-ngx REST API client on Apache HttpClient 5. Usable without Camel.
 * <p>
 * Thread-safe; create one per server and {@link #close()} it when done. Typed access per resource through
 * {@link #resource(String, Class)} and the named accessors ({@link #tags()}, {@link #correspondents()}, ...); raw
 * JSON access through {@link #get(String, Query, JavaType)} / {@link #send(String, String, Query, Object, JavaType)}.
 * Request logging (DEBUG) shows method, path, status and duration only: never credentials.
 */
public class PaperlessClient implements Closeable {

    private final PaperlessClientConfig config;
    private final PaperlessUrl url;
    private final ObjectMapper mapper;
    private final Transport transport;
    private final Map<String, ResourceClient<?>> resources = new ConcurrentHashMap<>();
    private final DocumentsClient documents;
    private final TasksClient tasks;
    private final NameResolver names;
    private final CustomFields customFields;
    /** One list reader per item type, for pages. */
    private final Map<JavaType, ObjectReader> listReaders = new ConcurrentHashMap<>();
    private final ProfileClient profile;
    private volatile boolean closed;
    /** Threads that read a list's next page while its current one is worked on ({@link PagedIterable#readAhead()}). */
    private volatile ExecutorService readAhead;
    /** The uploads this client sent and has not seen through ({@link DocumentsClient#upload}). */
    private final UploadLedger uploadLedger = UploadLedger.inMemory();

    public PaperlessClient(PaperlessClientConfig config) {
        this.config = config;
        this.url = config.url();
        this.mapper = PaperlessJson.mapper();
        this.transport = new Transport(config, mapper);
        this.documents = new DocumentsClient(this);
        this.tasks = new TasksClient(this);
        this.names = new NameResolver(this);
        this.customFields = new CustomFields(this);
        this.profile = new ProfileClient(this);
    }

    public PaperlessClientConfig config() {
        return config;
    }

    public PaperlessUrl url() {
        return url;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * The API version in use: 9 or 10; with {@code apiVersion=auto}, 0 until the first request has told which
     * version the server accepts (see {@link #negotiate()}).
     */
    public int apiVersion() {
        return transport.apiVersion();
    }

    /** The version the next request asks for. */
    public int requestedApiVersion() {
        return transport.requestedApiVersion();
    }

    /** The server's {@code X-Version} (e.g. {@code 3.0.5}) from the last authenticated response, or {@code null}. */
    public String serverVersion() {
        return transport.serverVersion();
    }

    /**
     * Makes sure the API version is known, with one small authenticated request ({@code GET /api/ui_settings/}) if no
     * request was made yet. Never uses {@code /api/schema/} (half a megabyte).
     *
     * @return 9 or 10
     */
    public int negotiate() {
        return transport.negotiate();
    }

    /**
     * One small authenticated request ({@code GET /api/ui_settings/}): returns when the server is reachable and accepts
     * the credentials, else throws (e.g. {@link PaperlessAuthenticationException}, {@link PaperlessConnectionException}).
     * Also learns the versions.
     */
    public void ping() {
        transport.ping();
    }

    /**
     * {@link #ping()} for a readiness probe: one attempt, never retried, waiting at most {@code timeout} for the answer
     * (plus the connect timeout to reach the server), so it answers within its own time.
     */
    public void ping(java.time.Duration timeout) {
        transport.probe(timeout);
    }

    /**
     * The server's time now, as its answers' {@code Date} headers told it (our clock before the first answer). Compare
     * times the server wrote (task dates) with this, never with our own clock, which may be skewed.
     */
    public java.time.Instant serverNow() {
        return transport.serverNow();
    }

    /** Connection pool statistics, or {@code null} when an injected HTTP client is used. */
    public PoolStats poolStats() {
        return transport.poolStats();
    }

    // ------------------------------------------------------------------------------------------------------------
    // typed resources

    /** A typed client for a CRUD resource, e.g. {@code resource("tags", Tag.class)}. */
    @SuppressWarnings("unchecked")
    public <T> ResourceClient<T> resource(String path, Class<T> type) {
        return (ResourceClient<T>) resources.computeIfAbsent(path + "#" + type.getName(),
                k -> new ResourceClient<>(this, path, type));
    }

    public ResourceClient<Correspondent> correspondents() {
        return resource("correspondents", Correspondent.class);
    }

    public ResourceClient<DocumentType> documentTypes() {
        return resource("document_types", DocumentType.class);
    }

    public ResourceClient<Tag> tags() {
        return resource("tags", Tag.class);
    }

    public ResourceClient<StoragePath> storagePaths() {
        return resource("storage_paths", StoragePath.class);
    }

    public ResourceClient<CustomField> customFields() {
        return resource("custom_fields", CustomField.class);
    }

    public ResourceClient<SavedView> savedViews() {
        return resource("saved_views", SavedView.class);
    }

    public ResourceClient<ShareLink> shareLinks() {
        return resource("share_links", ShareLink.class);
    }

    public ResourceClient<ShareLinkBundle> shareLinkBundles() {
        return resource("share_link_bundles", ShareLinkBundle.class);
    }

    public ResourceClient<User> users() {
        return resource("users", User.class);
    }

    public ResourceClient<Group> groups() {
        return resource("groups", Group.class);
    }

    public ResourceClient<MailAccount> mailAccounts() {
        return resource("mail_accounts", MailAccount.class);
    }

    public ResourceClient<MailRule> mailRules() {
        return resource("mail_rules", MailRule.class);
    }

    public ResourceClient<ProcessedMail> processedMail() {
        return resource("processed_mail", ProcessedMail.class);
    }

    public ResourceClient<Workflow> workflows() {
        return resource("workflows", Workflow.class);
    }

    public ResourceClient<WorkflowTrigger> workflowTriggers() {
        return resource("workflow_triggers", WorkflowTrigger.class);
    }

    public ResourceClient<WorkflowAction> workflowActions() {
        return resource("workflow_actions", WorkflowAction.class);
    }

    /** Documents: CRUD, upload, download, notes, versions, search, bulk edits. */
    public DocumentsClient documents() {
        return documents;
    }

    /** Tasks: by UUID, waiting, acknowledging. */
    public TasksClient tasks() {
        return tasks;
    }

    /** The signed-in user's account: profile, tokens, TOTP, social accounts. */
    public ProfileClient profile() {
        return profile;
    }

    /** Ids for correspondent, document type, storage path and tag names (cached). */
    public NameResolver names() {
        return names;
    }

    /** Custom field definitions (cached) and value conversion. */
    public CustomFields customFieldDefinitions() {
        return customFields;
    }

    // ------------------------------------------------------------------------------------------------------------
    // JSON requests

    public JavaType type(Class<?> c) {
        return mapper.constructType(c);
    }

    public JavaType listType(Class<?> c) {
        return mapper.getTypeFactory().constructCollectionType(List.class, c);
    }

    /** {@code GET /api/<path>/?query} read as {@code type}. */
    public <T> T get(String path, Query query, JavaType type) {
        return transport.json(request("GET", path, query, null), type, null);
    }

    /**
     * A JSON request. The body may be a model, a Map, a {@link JsonNode} or a JSON string (sent as is after a syntax
     * check); {@code null} sends no body. A {@code null} type discards the response body.
     */
    public <T> T send(String method, String path, Query query, Object body, JavaType type) {
        Transport.Req req = request(method, path, query, jsonEntity(body));
        // a DELETE sent again after its answer was lost finds the object gone: the first attempt deleted it
        req.goneMeansDone = type == null && "DELETE".equals(method);
        return transport.json(req, type, null);
    }

    /**
     * A JSON request with a way to find out, after an ambiguous failure (the connection broke, or 500/502/503/504),
     * whether it took effect; then it is retried safely under the {@link RetryPolicy} (see {@link RetryCheck}) — also
     * an idempotent one answered 500 (e.g. SQLite's "database is locked"), which the policy alone does not send again.
     */
    public <T> T send(String method, String path, Query query, Object body, JavaType type, RetryCheck<T> check) {
        return transport.json(request(method, path, query, jsonEntity(body)), type, check);
    }

    /** A request with a prepared entity (e.g. a streamed multipart upload). */
    public <T> T send(String method, String path, Query query, HttpEntity entity, JavaType type) {
        return transport.json(request(method, path, query, entity), type, null);
    }

    /**
     * A request that is not idempotent (e.g. an upload) with a way to find out, after an ambiguous failure, whether it
     * took effect: then it is retried safely under the {@link RetryPolicy} (see {@link RetryCheck}).
     */
    public <T> T send(String method, String path, Query query, HttpEntity entity, JavaType type, RetryCheck<T> check) {
        return transport.json(request(method, path, query, entity), type, check);
    }

    /**
     * Like {@link #send(String, String, Query, HttpEntity, JavaType, RetryCheck)}, for an endpoint that answers success
     * even when it failed: {@code verify} (optional) checks the answer, or looks on the server whether it is true, and throws an ambiguous
     * {@link PaperlessServerException} when it is not, so the request is retried like one that failed.
     */
    <T> T sendVerified(String method, String path, Object body, JavaType type, RetryCheck<T> check,
                       java.util.function.Consumer<T> verify) {
        Transport.Req req = request(method, path, null, jsonEntity(body));
        if (verify != null) {
            @SuppressWarnings("unchecked")
            java.util.function.Consumer<Object> v = result -> verify.accept((T) result);
            req.verify = v;
        }
        return transport.json(req, type, check);
    }

    /**
     * A JSON request sent without the client's credentials, for an endpoint that takes them in the body
     * ({@code POST /api/token/}): a user with two-factor authentication cannot authenticate with a password in a
     * header (the server answers 401 "MFA required").
     */
    <T> T sendWithoutCredentials(String method, String path, Object body, JavaType type) {
        Transport.Req r = request(method, path, null, jsonEntity(body));
        return transport.json(new Transport.Req(r.method, r.url, r.entity, false), type, null);
    }

    /** A request whose response body is streamed ({@link Download}); the caller must close it. */
    public Download download(String method, String path, Query query, Object jsonBody) {
        return transport.stream(request(method, path, query, jsonEntity(jsonBody)));
    }

    /** Every item of a list endpoint, fetched lazily page by page (constant memory). */
    public <T> PagedIterable<T> list(String path, Query query, JavaType itemType, long maxResults) {
        // lazy, but a resource the server does not have fails now rather than at the first page
        requireAvailable(path);
        return new PagedIterable<>(this, path, query, itemType, maxResults);
    }

    /** One page (1-based) of a list endpoint; unpaginated endpoints return everything as page 1. */
    public <T> Page<T> page(String path, Query query, int page, JavaType itemType) {
        Query q = query == null ? Query.create() : query.copy();
        if (ApiVersions.isPaginated(path, requestedApiVersion()) && !q.has("page_size")) {
            q.set("page_size", config.pageSize());
        }
        if (page > 1 && ApiVersions.isPaginated(path, requestedApiVersion())) {
            q.set("page", page);
        }
        int number = Math.max(1, page);
        return transport.parse(request("GET", path, q, null), (body, status) -> readPage(body, status, itemType, number, true));
    }

    /** The page behind an absolute {@code next} link (rewritten to the configured base URL). */
    <T> Page<T> pageAt(String absoluteUrl, JavaType itemType, int number) {
        // the ids of all matches (API 9 "all", on every page) are not needed while iterating: skipped, not parsed
        return transport.parse(new Transport.Req("GET", url.rewrite(absoluteUrl), null),
                (body, status) -> readPage(body, status, itemType, number, false));
    }

    /**
     * Reads one page straight from the connection into the models (one pass, no tree, no byte array): a DRF page
     * ({@code count, next, previous, results}, API 9 also {@code all}, 3.x optionally {@code selection_data}), a plain
     * list (API 9 tasks, unpaginated endpoints) or {@code null}.
     */
    private <T> Page<T> readPage(Transport.Body body, int status, JavaType itemType, int number, boolean wantAll)
            throws IOException {
        ObjectReader items = listReaders.computeIfAbsent(itemType,
                t -> mapper.readerFor(mapper.getTypeFactory().constructCollectionType(List.class, t)));
        try (JsonParser p = mapper.getFactory().createParser(body)) {
            JsonToken root = p.nextToken();
            if (root == null || root == JsonToken.VALUE_NULL) {
                return new Page<>(List.of(), 0, null, null, number, null);
            }
            if (root == JsonToken.START_ARRAY) {
                List<T> list = items.readValue(p);
                return new Page<>(list, list.size(), null, null, number, null);
            }
            List<String> names = new ArrayList<>();
            List<T> results = null;
            long count = -1;
            String next = null;
            String previous = null;
            List<Integer> all = null;
            JsonNode selection = null;
            if (root == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    names.add(name);
                    JsonToken value = p.nextToken();
                    switch (name) {
                        case "results":
                            results = value == JsonToken.VALUE_NULL ? List.of() : items.readValue(p);
                            break;
                        case "count":
                            count = p.getValueAsLong(-1);
                            break;
                        case "next":
                            next = value == JsonToken.VALUE_NULL ? null : p.getValueAsString();
                            break;
                        case "previous":
                            previous = value == JsonToken.VALUE_NULL ? null : p.getValueAsString();
                            break;
                        case "all":
                            if (wantAll && value == JsonToken.START_ARRAY) {
                                all = mapper.readerFor(listType(Integer.class)).readValue(p);
                            } else {
                                p.skipChildren();
                            }
                            break;
                        case "selection_data":
                            JsonNode n = mapper.readTree(p);
                            selection = n == null || n.isNull() ? null : n;
                            break;
                        default:
                            p.skipChildren();
                    }
                }
            }
            if (results == null) {
                throw new PaperlessUnexpectedResponseException(
                        "Expected a list or a page with 'results' but got " + (root == JsonToken.START_OBJECT
                                ? "an object with keys [" + String.join(",", names) + "]" : "a " + root.asString()),
                        status, body.excerpt(), null);
            }
            return new Page<>(results, count >= 0 ? count : results.size(), url.rewrite(next), url.rewrite(previous),
                    number, all, selection);
        } catch (DatabindException e) {
            if (e.getCause() instanceof StreamReadException) {
                throw (StreamReadException) e.getCause(); // broken JSON inside the list: reported as such
            }
            throw new PaperlessUnexpectedResponseException(
                    "Cannot read the server's answer as " + listType(itemType.getRawClass()).toCanonical() + ": "
                                                           + e.getOriginalMessage(),
                    status, body.excerpt(), e);
        }
    }

    /** Converts a JSON tree to a type, mapping failures to {@link PaperlessUnexpectedResponseException}. */
    public <T> T convert(JsonNode node, JavaType type) {
        return transport.convert(node, type);
    }

    /** Serialises a body to a JSON entity. */
    public HttpEntity jsonEntity(Object body) {
        if (body == null) {
            return null;
        }
        String json;
        if (body instanceof String) {
            json = (String) body;
            try {
                mapper.readTree(json);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(
                        "The body is a String but not valid JSON (" + e.getOriginalMessage()
                                                   + "): send a Map, a model object or a JSON document");
            }
        } else if (body instanceof byte[]) {
            return jsonEntity(new String((byte[]) body, StandardCharsets.UTF_8));
        } else {
            try {
                json = mapper.writeValueAsString(body);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("Cannot write the body as JSON: " + e.getOriginalMessage(), e);
            }
        }
        return new StringEntity(json, ContentType.APPLICATION_JSON);
    }

    // ------------------------------------------------------------------------------------------------------------
    // requests

    /** Fails with {@link PaperlessUnsupportedException} when the path needs a newer server than this one. */
    private void requireAvailable(String path) {
        String feature = ApiVersions.serverThreeFeature(path);
        if (feature != null) {
            negotiate();
            ApiVersions.requireServer(feature, 3, serverVersion());
        }
    }

    private Transport.Req request(String method, String path, Query query, HttpEntity entity) {
        requireAvailable(path);
        if (query != null) {
            for (String name : query.asMap().keySet()) {
                String feature = ApiVersions.serverThreeParameter(name);
                if (feature != null) {
                    negotiate();
                    ApiVersions.requireServer(feature, 3, serverVersion());
                }
            }
        }
        String u = url.api(path);
        if (query != null && !query.isEmpty()) {
            u = u + (u.contains("?") ? "&" : "?") + query.encode();
        }
        return new Transport.Req(method, u, entity);
    }

    /**
     * Runs a read-ahead of a list's next page ({@code null} when the client is closed); the daemon threads are made on
     * first use and end with the client.
     */
    <T> Future<T> readAhead(Callable<T> read) {
        if (closed) {
            return null;
        }
        ExecutorService pool = readAhead;
        if (pool == null) {
            synchronized (this) {
                pool = readAhead;
                if (pool == null) {
                    AtomicInteger n = new AtomicInteger();
                    // bounded: at most one thread per pooled connection to the server, none kept when idle; a walk that
                    // finds them all busy reads its next page itself (no queue of pages waiting to be read)
                    java.util.concurrent.ThreadPoolExecutor tpe = new java.util.concurrent.ThreadPoolExecutor(
                            0, readAheadThreads(), 30, java.util.concurrent.TimeUnit.SECONDS,
                            new java.util.concurrent.SynchronousQueue<>(), r -> {
                                Thread t = new Thread(r, "paperless-read-ahead-" + n.incrementAndGet());
                                t.setDaemon(true);
                                return t;
                            });
                    pool = tpe;
                    readAhead = pool;
                }
            }
        }
        try {
            return pool.submit(read);
        } catch (RejectedExecutionException busyOrClosed) {
            return null; // the walk reads its next page itself (and meets a closed client there)
        }
    }

    /** The most read-ahead threads of this client: its connections per route (at least 1). */
    int readAheadThreads() {
        return Math.max(1, config.maxConnectionsPerRoute());
    }

    @Override
    public void close() throws IOException {
        closed = true;
        ExecutorService pool = readAhead;
        if (pool != null) {
            pool.shutdownNow();
        }
        transport.close();
    }

    /**
     * The in-memory record of the uploads this client sent and has not seen through: an upload of the same file is not
     * sent again while the earlier one is queued or running in Paperless (see {@link DocumentsClient#upload}). Lives as
     * long as the client; use {@link UploadLedger#stored} for one that outlives the application.
     */
    public UploadLedger uploadLedger() {
        return uploadLedger;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "PaperlessClient[" + url + "]";
    }
}
