package io.github.camelpaperless.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelpaperless.client.model.*;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.pool.PoolStats;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Paperless-ngx REST API client on Apache HttpClient 5. Usable without Camel.
 * <p>
 * Thread-safe; create one per server and {@link #close()} it when done. Typed access per resource through
 * {@link #resource(String, Class)} and the named accessors ({@link #tags()}, {@link #correspondents()}, ...); raw
 * JSON access through {@link #get(String, Query, JavaType)} / {@link #send(String, String, Query, Object, JavaType)}.
 * Request logging (DEBUG) shows method, path, status and duration only: never credentials.
 */
public class PaperlessClient implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(PaperlessClient.class);
    private static final int MAX_REDIRECTS = 3;
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final PaperlessClientConfig config;
    private final PaperlessUrl url;
    private final ObjectMapper mapper;
    private final CloseableHttpClient http;
    private final boolean ownsHttp;
    private final PoolingHttpClientConnectionManager pool;
    private final String authorization;
    private final Map<String, ResourceClient<?>> resources = new ConcurrentHashMap<>();
    private final DocumentsClient documents;
    private final TasksClient tasks;
    private final NameResolver names;
    private final CustomFields customFields;

    /** 0 until known; then 9 or 10. */
    private volatile int negotiatedVersion;
    private volatile String serverVersion;
    /** Whether the version probe ran (a server that sends no X-Version is not probed again). */
    private volatile boolean probed;
    private volatile boolean closed;

    public PaperlessClient(PaperlessClientConfig config) {
        this.config = config;
        this.url = config.url();
        this.mapper = PaperlessJson.mapper();
        this.negotiatedVersion = config.apiVersion().number();
        this.documents = new DocumentsClient(this);
        this.tasks = new TasksClient(this);
        this.names = new NameResolver(this);
        this.customFields = new CustomFields(this);
        if (config.token() != null) {
            this.authorization = "Token " + config.token();
        } else if (config.username() != null) {
            this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                    (config.username() + ":" + config.password()).getBytes(StandardCharsets.UTF_8));
        } else {
            this.authorization = null;
        }
        if (config.httpClient() != null) {
            this.http = config.httpClient();
            this.ownsHttp = false;
            this.pool = null;
        } else {
            PoolingHttpClientConnectionManagerBuilder cm = PoolingHttpClientConnectionManagerBuilder.create()
                    .setConnectionFactory(new RedactingConnectionFactory())
                    .setMaxConnPerRoute(config.maxConnectionsPerRoute())
                    .setMaxConnTotal(config.maxConnectionsTotal())
                    .setDefaultConnectionConfig(ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.of(config.connectTimeout()))
                            .setSocketTimeout(Timeout.of(config.responseTimeout()))
                            .setValidateAfterInactivity(Timeout.ofSeconds(2))
                            .build());
            if (config.sslContext() != null || !config.hostnameVerification()) {
                ClientTlsStrategyBuilder tls = ClientTlsStrategyBuilder.create();
                if (config.sslContext() != null) {
                    tls.setSslContext(config.sslContext());
                }
                if (!config.hostnameVerification()) {
                    // unsafe, on explicit request only: neither HttpClient nor JSSE checks the host name
                    tls.setHostVerificationPolicy(org.apache.hc.client5.http.ssl.HostnameVerificationPolicy.CLIENT);
                    tls.setHostnameVerifier(NoopHostnameVerifier.INSTANCE);
                    LOG.warn("Hostname verification is OFF for {}: any certificate trusted by the trust store is accepted "
                             + "for any host name", url.host());
                }
                cm.setTlsSocketStrategy(tls.buildClassic());
            }
            this.pool = cm.build();
            HttpClientBuilder b = HttpClients.custom()
                    .setConnectionManager(pool)
                    .disableRedirectHandling()
                    .disableAutomaticRetries()
                    .disableCookieManagement()
                    .setUserAgent("camel-paperless")
                    .setDefaultRequestConfig(RequestConfig.custom()
                            .setResponseTimeout(Timeout.of(config.responseTimeout()))
                            .setConnectionRequestTimeout(Timeout.of(config.responseTimeout()))
                            .build());
            if (config.proxyHost() != null) {
                HttpHost proxy = new HttpHost(config.proxyHost(), config.proxyPort() > 0 ? config.proxyPort() : 8080);
                b.setProxy(proxy);
                if (config.proxyUsername() != null) {
                    BasicCredentialsProvider creds = new BasicCredentialsProvider();
                    creds.setCredentials(new AuthScope(proxy), new UsernamePasswordCredentials(
                            config.proxyUsername(),
                            config.proxyPassword() == null ? new char[0] : config.proxyPassword().toCharArray()));
                    b.setDefaultCredentialsProvider(creds);
                }
            }
            if (config.httpClientCustomizer() != null) {
                config.httpClientCustomizer().accept(b);
            }
            this.http = b.build();
            this.ownsHttp = true;
        }
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
        return negotiatedVersion;
    }

    /** The version the next request asks for. */
    public int requestedApiVersion() {
        int v = negotiatedVersion;
        return v == 0 ? 10 : v;
    }

    /** The server's {@code X-Version} (e.g. {@code 3.0.5}) from the last authenticated response, or {@code null}. */
    public String serverVersion() {
        return serverVersion;
    }

    /**
     * Makes sure the API version is known, with one small authenticated request ({@code GET /api/ui_settings/}) if no
     * request was made yet. Never uses {@code /api/schema/} (half a megabyte).
     *
     * @return 9 or 10
     */
    public int negotiate() {
        if (negotiatedVersion == 0 || serverVersion == null && !probed) {
            probed = true;
            try {
                get("ui_settings", null, mapper.constructType(JsonNode.class));
            } catch (PaperlessAuthenticationException | PaperlessConnectionException | PaperlessLoginRedirectException e) {
                throw e;
            } catch (PaperlessException e) {
                // the probe itself is not essential: keep asking for the preferred version
                LOG.debug("Version probe failed ({}); using API version {}", e.getMessage(), requestedApiVersion());
            }
        }
        return requestedApiVersion();
    }

    /**
     * One small authenticated request ({@code GET /api/ui_settings/}): returns when the server is reachable and accepts
     * the credentials, else throws (e.g. {@link PaperlessAuthenticationException}, {@link PaperlessConnectionException}).
     * Also learns the versions.
     */
    public void ping() {
        get("ui_settings", null, mapper.constructType(JsonNode.class));
    }

    /** Connection pool statistics, or {@code null} when an injected HTTP client is used. */
    public PoolStats poolStats() {
        return pool == null ? null : pool.getTotalStats();
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
        return execute(request("GET", path, query, null), type);
    }

    /**
     * A JSON request. The body may be a model, a Map, a {@link JsonNode} or a JSON string (sent as is after a syntax
     * check); {@code null} sends no body. A {@code null} type discards the response body.
     */
    public <T> T send(String method, String path, Query query, Object body, JavaType type) {
        return execute(request(method, path, query, jsonEntity(body)), type);
    }

    /** A request with a prepared entity (e.g. a streamed multipart upload). */
    public <T> T send(String method, String path, Query query, HttpEntity entity, JavaType type) {
        return execute(request(method, path, query, entity), type);
    }

    /** A request whose response body is streamed ({@link Download}); the caller must close it. */
    public Download download(String method, String path, Query query, Object jsonBody) {
        Req req = request(method, path, query, jsonEntity(jsonBody));
        return run(req, response -> {
            HttpEntity entity = response.getEntity();
            InputStream in = entity == null ? InputStream.nullInputStream() : entity.getContent();
            return new Download(response, in);
        }, true);
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
        JsonNode node = get(path, q, type(JsonNode.class));
        return toPage(node, itemType, Math.max(1, page));
    }

    /** The page behind an absolute {@code next} link (rewritten to the configured base URL). */
    <T> Page<T> pageAt(String absoluteUrl, JavaType itemType, int number) {
        Req req = new Req("GET", url.rewrite(absoluteUrl), null);
        JsonNode node = execute(req, type(JsonNode.class));
        return toPage(node, itemType, number);
    }

    <T> Page<T> toPage(JsonNode node, JavaType itemType, int number) {
        JavaType lt = mapper.getTypeFactory().constructCollectionType(List.class, itemType);
        if (node == null || node.isNull()) {
            return new Page<>(List.of(), 0, null, null, number, null);
        }
        if (node.isArray()) {
            List<T> items = convert(node, lt);
            return new Page<>(items, items.size(), null, null, number, null);
        }
        if (!node.has("results")) {
            throw new PaperlessUnexpectedResponseException(
                    "Expected a list or a page with 'results' but got an object with keys " + fieldNames(node), 200,
                    ErrorMapper.excerpt(node.toString()), null);
        }
        List<T> items = convert(node.get("results"), lt);
        long count = node.path("count").asLong(items.size());
        List<Integer> all = node.has("all") && node.get("all").isArray() ? convert(node.get("all"), listType(Integer.class)) : null;
        return new Page<>(items, count, url.rewrite(text(node, "next")), url.rewrite(text(node, "previous")), number, all);
    }

    private static String fieldNames(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            sb.append(sb.length() == 0 ? "" : ",").append(it.next());
        }
        return "[" + sb + "]";
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Converts a JSON tree to a type, mapping failures to {@link PaperlessUnexpectedResponseException}. */
    public <T> T convert(JsonNode node, JavaType type) {
        try {
            return mapper.convertValue(node, type);
        } catch (IllegalArgumentException e) {
            throw new PaperlessUnexpectedResponseException(
                    "Cannot read the server's answer as " + type.toCanonical() + ": " + e.getMessage(), 200,
                    ErrorMapper.excerpt(node.toString()), e);
        }
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
    // transport

    /** Fails with {@link PaperlessUnsupportedException} when the path needs a newer server than this one. */
    private void requireAvailable(String path) {
        String feature = ApiVersions.serverThreeFeature(path);
        if (feature != null) {
            negotiate();
            ApiVersions.requireServer(feature, 3, serverVersion);
        }
    }

    private Req request(String method, String path, Query query, HttpEntity entity) {
        requireAvailable(path);
        String u = url.api(path);
        if (query != null && !query.isEmpty()) {
            u = u + (u.contains("?") ? "&" : "?") + query.encode();
        }
        return new Req(method, u, entity);
    }

    private <T> T execute(Req req, JavaType type) {
        return run(req, response -> {
            try {
                HttpEntity entity = response.getEntity();
                byte[] body = entity == null ? new byte[0] : EntityUtils.toByteArray(entity);
                if (type == null) {
                    return null;
                }
                String ct = entity == null ? null : entity.getContentType();
                if (body.length == 0) {
                    if (response.getCode() == 204) {
                        return null;
                    }
                    throw new PaperlessUnexpectedResponseException(
                            req.method + " " + req.logPath() + " returned an empty body where JSON was expected",
                            response.getCode(), "", null);
                }
                if (ct != null && !ct.toLowerCase().contains("json")) {
                    String text = new String(body, StandardCharsets.UTF_8);
                    throw new PaperlessUnexpectedResponseException(
                            req.method + " " + req.logPath() + " returned " + ct + " where JSON was expected"
                                                                   + " — is baseUrl pointing at Paperless-ngx and not at a proxy or login page? Body starts: "
                                                                   + ErrorMapper.excerpt(text.length() > 200 ? text.substring(0, 200) : text),
                            response.getCode(), ErrorMapper.excerpt(text), null);
                }
                try {
                    JsonNode node = mapper.readTree(body);
                    return convert(node, type);
                } catch (JsonProcessingException e) {
                    String text = new String(body, StandardCharsets.UTF_8);
                    throw new PaperlessUnexpectedResponseException(
                            req.method + " " + req.logPath() + " returned a body that is not valid JSON ("
                                                                   + e.getOriginalMessage() + ")",
                            response.getCode(), ErrorMapper.excerpt(text), e);
                }
            } finally {
                response.close();
            }
        }, false);
    }

    interface ResponseReader<R> {
        R read(ClassicHttpResponse response) throws IOException;
    }

    /**
     * Runs a request with version negotiation, redirect handling, error mapping and the {@link RetryPolicy}.
     *
     * @param streaming when true the reader owns the response (it is not closed here on success)
     */
    private <R> R run(Req req, ResponseReader<R> reader, boolean streaming) {
        if (negotiatedVersion == 0 && req.entity != null && !req.entity.isRepeatable()) {
            // a streamed body cannot be re-sent after a 406: learn the version first
            negotiate();
        }
        RetryPolicy retry = config.retryPolicy();
        int attempt = 0;
        int redirects = 0;
        String currentUrl = req.url;
        while (true) {
            int version = requestedApiVersion();
            long start = System.nanoTime();
            ClassicHttpResponse response = null;
            try {
                ClassicRequestBuilder rb = ClassicRequestBuilder.create(req.method).setUri(currentUrl)
                        .addHeader("Accept", "application/json; version=" + version);
                if (authorization != null) {
                    rb.addHeader("Authorization", authorization);
                }
                if (req.entity != null) {
                    rb.setEntity(req.entity);
                }
                response = http.executeOpen(null, rb.build(), null);
                int status = response.getCode();
                if (LOG.isDebugEnabled()) {
                    LOG.debug("{} {} -> {} ({} ms)", req.method, pathOf(currentUrl), status,
                            (System.nanoTime() - start) / 1_000_000);
                }
                Header xv = response.getFirstHeader("X-Version");
                if (xv != null) {
                    serverVersion = xv.getValue();
                }
                if (status >= 300 && status < 400) {
                    String location = response.getFirstHeader("Location") == null
                            ? null : response.getFirstHeader("Location").getValue();
                    closeQuietly(response);
                    URI target = location == null ? null : URI.create(currentUrl).resolve(location);
                    boolean login = location != null && location.contains("/accounts/login");
                    if (!login && target != null && redirects < MAX_REDIRECTS && url.sameServer(target)
                            && (req.method.equals("GET") || status == 307 || status == 308)
                            && (req.entity == null || req.entity.isRepeatable())) {
                        LOG.warn("{} {} was redirected to {}: set baseUrl accordingly to avoid the extra round-trip",
                                req.method, pathOf(currentUrl), target.getScheme() + "://" + target.getAuthority());
                        currentUrl = target.toString();
                        redirects++;
                        continue;
                    }
                    throw ErrorMapper.fromRedirect(req.method, pathOf(currentUrl), status, location);
                }
                if (status >= 400) {
                    HttpEntity entity = response.getEntity();
                    byte[] body = readCapped(entity);
                    String ct = entity == null ? null : entity.getContentType();
                    String retryAfter = response.getFirstHeader("Retry-After") == null
                            ? null : response.getFirstHeader("Retry-After").getValue();
                    closeQuietly(response);
                    PaperlessApiException ex = ErrorMapper.fromResponse(
                            mapper, req.method, pathOf(currentUrl), status, ct, body, retryAfter);
                    if (status == 406 && config.apiVersion() == ApiVersion.AUTO && version == 10
                            && negotiatedVersion == 0 && isVersionRejection(ex)) {
                        LOG.info("Server does not accept API version 10; using API version 9");
                        negotiatedVersion = 9;
                        continue;
                    }
                    throw ex;
                }
                if (negotiatedVersion == 0) {
                    negotiatedVersion = version;
                }
                ClassicHttpResponse ok = response;
                response = null;
                try {
                    return reader.read(ok);
                } catch (IOException | RuntimeException e) {
                    closeQuietly(ok);
                    throw e;
                }
            } catch (IOException e) {
                closeQuietly(response);
                PaperlessConnectionException ce = ErrorMapper.fromIo(req.method, pathOf(currentUrl), url.base(), e);
                if (!retryOrFalse(retry, attempt, req, ce)) {
                    throw ce;
                }
            } catch (PaperlessException e) {
                closeQuietly(response);
                if (!retryOrFalse(retry, attempt, req, e)) {
                    throw e;
                }
            }
            attempt++;
        }
    }

    private boolean retryOrFalse(RetryPolicy retry, int attempt, Req req, RuntimeException failure) {
        boolean idempotent = req.isIdempotent();
        if (!retry.shouldRetry(attempt, idempotent, failure)) {
            return false;
        }
        boolean neverSent = failure instanceof PaperlessConnectionException
                && ((PaperlessConnectionException) failure).isConnectFailure();
        if (req.entity != null && !req.entity.isRepeatable() && !neverSent) {
            return false;
        }
        Duration delay = retry.delayBefore(attempt, failure);
        LOG.debug("Retrying {} {} in {} ms (retry {} of {}): {}", req.method, req.logPath(), delay.toMillis(),
                attempt + 1, retry.maxRetries(), failure.getMessage());
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    private static boolean isVersionRejection(PaperlessApiException ex) {
        String d = ex.getDetail();
        return d == null || d.toLowerCase().contains("version");
    }

    private static byte[] readCapped(HttpEntity entity) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        try (InputStream in = entity.getContent()) {
            return in == null ? new byte[0] : in.readNBytes(MAX_ERROR_BODY);
        }
    }

    private static void closeQuietly(ClassicHttpResponse r) {
        if (r != null) {
            try {
                r.close();
            } catch (IOException ignore) {
                // nothing to do
            }
        }
    }

    /** The path and query of a URL, for logs and messages. */
    static String pathOf(String absolute) {
        try {
            URI u = URI.create(absolute);
            return u.getRawPath() + (u.getRawQuery() != null ? "?" + u.getRawQuery() : "");
        } catch (RuntimeException e) {
            return absolute;
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        if (ownsHttp) {
            http.close();
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "PaperlessClient[" + url + "]";
    }

    /** One request to send. */
    static final class Req {
        final String method;
        final String url;
        final HttpEntity entity;

        Req(String method, String url, HttpEntity entity) {
            this.method = method;
            this.url = url;
            this.entity = entity;
        }

        boolean isIdempotent() {
            boolean body = entity == null || entity.isRepeatable();
            switch (method) {
                case "GET":
                case "HEAD":
                case "PUT":
                case "DELETE":
                case "PATCH":
                case "OPTIONS":
                    return body;
                default:
                    return false;
            }
        }

        String logPath() {
            return pathOf(url);
        }
    }
}
