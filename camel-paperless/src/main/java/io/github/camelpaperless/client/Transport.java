package io.github.camelpaperless.client;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
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
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.pool.PoolStats;
import org.apache.hc.core5.ssl.SSLContexts;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's transport: sends one request to the server and returns its answer or a typed exception. The one place
 * for the HTTP connection pool (TLS, proxy), authentication, API version negotiation ({@code Accept: ...; version=},
 * the 406 fallback from 10 to 9), redirects, error mapping ({@link ErrorMapper}) and retries ({@link RetryPolicy},
 * with a {@link RetryCheck} for requests that are not idempotent). Resource logic lives in {@link PaperlessClient} and
 * the resource clients, which build requests and read answers.
 * <p>
 * Request logging (DEBUG) shows method, path, status and duration only: never credentials.
 */
final class Transport implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);
    private static final int MAX_REDIRECTS = 3;
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final PaperlessClientConfig config;
    private final PaperlessUrl url;
    private final ObjectMapper mapper;
    private final CloseableHttpClient http;
    private final boolean ownsHttp;
    private final PoolingHttpClientConnectionManager pool;
    private final String authorization;

    /** 0 until known; then 9 or 10. */
    private volatile int negotiatedVersion;
    private final Object negotiation = new Object();
    private volatile String serverVersion;
    /** Whether the version probe ran (a server that sends no X-Version is not probed again). */
    private volatile boolean probed;
    private volatile boolean closed;
    /** The server's clock minus ours, in ms, from the {@code Date} header of its answers (second resolution). */
    private volatile long serverClockOffset;
    private volatile boolean serverClockKnown;
    /** Threads in HttpClient's execute (waiting for a pooled connection or the answer): told when the client closes. */
    private final java.util.Set<Thread> executing = ConcurrentHashMap.newKeySet();
    /** One reader per answer type: parsing goes from the connection straight into the type (no intermediate tree). */
    private final Map<JavaType, ObjectReader> readers = new ConcurrentHashMap<>();

    Transport(PaperlessClientConfig config, ObjectMapper mapper) {
        this.config = config;
        this.url = config.url();
        this.mapper = mapper;
        this.negotiatedVersion = config.apiVersion().number();
        this.authorization = authorization(config);
        if (config.httpClient() != null) {
            this.http = config.httpClient();
            this.ownsHttp = false;
            this.pool = null;
        } else {
            this.pool = pool(config);
            this.http = httpClient(config, pool);
            this.ownsHttp = true;
        }
    }

    private static String authorization(PaperlessClientConfig config) {
        if (config.token() != null) {
            return "Token " + config.token();
        }
        if (config.username() != null) {
            return "Basic " + Base64.getEncoder().encodeToString(
                    (config.username() + ":" + config.password()).getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    private static PoolingHttpClientConnectionManager pool(PaperlessClientConfig config) {
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
            // DefaultClientTlsStrategy's constructors exist in HttpClient 5.4 to 5.6 (Camel 4.14 to 4.22);
            // ClientTlsStrategyBuilder.buildClassic() only since 5.5
            SSLContext ssl = config.sslContext() != null ? config.sslContext() : SSLContexts.createSystemDefault();
            if (config.hostnameVerification()) {
                cm.setTlsSocketStrategy(new DefaultClientTlsStrategy(ssl));
            } else {
                // unsafe, on explicit request only: neither HttpClient nor JSSE checks the host name
                cm.setTlsSocketStrategy(new DefaultClientTlsStrategy(ssl, HostnameVerificationPolicy.CLIENT,
                        NoopHostnameVerifier.INSTANCE));
                LOG.warn("Hostname verification is OFF for {}: any certificate trusted by the trust store is accepted "
                         + "for any host name", config.url().host());
            }
        }
        return cm.build();
    }

    private static CloseableHttpClient httpClient(PaperlessClientConfig config, PoolingHttpClientConnectionManager pool) {
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
        return b.build();
    }

    // ------------------------------------------------------------------------------------------------------------
    // versions

    /** 0 until known with {@code apiVersion=auto}; then 9 or 10. */
    int apiVersion() {
        return negotiatedVersion;
    }

    int requestedApiVersion() {
        int v = negotiatedVersion;
        return v == 0 ? 10 : v;
    }

    String serverVersion() {
        return serverVersion;
    }

    /** Makes sure the API version is known, with one small request if none was made yet. */
    int negotiate() {
        if (negotiatedVersion == 0 || serverVersion == null && !probed) {
            synchronized (negotiation) { // concurrent first requests: one probe, the others wait for its answer
                if (negotiatedVersion == 0 || serverVersion == null && !probed) {
                    probed = true;
                    try {
                        ping();
                    } catch (PaperlessAuthenticationException | PaperlessConnectionException | PaperlessLoginRedirectException e) {
                        throw e;
                    } catch (PaperlessException e) {
                        // the probe itself is not essential: keep asking for the preferred version
                        LOG.debug("Version probe failed ({}); using API version {}", e.getMessage(), requestedApiVersion());
                    }
                }
            }
        }
        return requestedApiVersion();
    }

    /** {@code GET /api/ui_settings/}: small, authenticated, on every version. */
    void ping() {
        json(new Req("GET", url.api("ui_settings"), null), mapper.constructType(JsonNode.class), null);
    }

    /**
     * One attempt of {@link #ping()}, never retried, waiting for the answer at most {@code timeout} (a readiness probe
     * must answer within its own time, not the retry policy's).
     */
    void probe(Duration timeout) {
        Req req = new Req("GET", url.api("ui_settings"), null);
        req.retry = RetryPolicy.NONE;
        req.timeout = timeout;
        json(req, mapper.constructType(JsonNode.class), null);
    }

    /**
     * The server's time now, as far as its answers told it ({@code Date} header, second resolution; our clock until
     * the first answer). Use it to compare with times the server wrote (task dates), never our own clock.
     */
    java.time.Instant serverNow() {
        return java.time.Instant.now().plusMillis(serverClockOffset);
    }

    /** Whether {@link #serverNow()} is based on the server's answers. */
    boolean serverClockKnown() {
        return serverClockKnown;
    }

    private void learnClock(ClassicHttpResponse response) {
        Header date = response.getFirstHeader("Date");
        if (date == null) {
            return;
        }
        try {
            java.time.Instant server = java.time.ZonedDateTime
                    .parse(date.getValue(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            // the header is truncated to the second: the server's clock is between server and server + 1 s
            serverClockOffset = server.toEpochMilli() + 500 - System.currentTimeMillis();
            serverClockKnown = true;
        } catch (RuntimeException ignore) {
            // a malformed Date header: keep what we had
        }
    }

    PoolStats poolStats() {
        return pool == null ? null : pool.getTotalStats();
    }

    // ------------------------------------------------------------------------------------------------------------
    // requests

    /**
     * Sends a request and reads its JSON answer as {@code type} ({@code null} discards it).
     *
     * @param check for a request that is not idempotent: how to find out whether a failed attempt took effect, so it
     *              can be retried safely; {@code null} = retried only when it never reached the server
     */
    <T> T json(Req req, JavaType type, RetryCheck<T> check) {
        if (type == null) {
            return run(req, response -> readBody(req, response, null), false, check);
        }
        ObjectReader reader = readers.computeIfAbsent(type, mapper::readerFor);
        return run(req, response -> readBody(req, response, (body, status) -> {
            try {
                return reader.readValue(body);
            } catch (DatabindException e) {
                if (e.getCause() instanceof StreamReadException) {
                    throw (StreamReadException) e.getCause(); // broken JSON: reported as such by readBody
                }
                // valid JSON of another shape than the model
                throw new PaperlessUnexpectedResponseException(
                        "Cannot read the server's answer as " + type.toCanonical() + ": " + e.getOriginalMessage(), status,
                        body.excerpt(), e);
            }
        }), false, check);
    }

    /**
     * Sends a GET and parses its JSON answer once with {@code parser} (e.g. a page straight into the models, without
     * an intermediate tree). Syntax errors and the checks of {@link #json} apply.
     */
    <T> T parse(Req req, BodyParser<T> parser) {
        return run(req, response -> readBody(req, response, parser), false, null);
    }

    /** Reads a response body (already checked to be non-empty JSON) into a result, straight from the stream. */
    @FunctionalInterface
    interface BodyParser<T> {
        T parse(Body body, int status) throws IOException;
    }

    /**
     * An answer's body as it arrives from the connection, remembering only its first bytes for error messages: a page of
     * 1,000 documents (≈ 1.2 MB) is parsed as it is read, never held as one array.
     */
    static final class Body extends FilterInputStream {
        private final byte[] head = new byte[ErrorMapper.MAX_EXCERPT + 1];
        private int headLength;

        Body(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0 && headLength < head.length) {
                head[headLength++] = (byte) b;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0 && headLength < head.length) {
                int copy = Math.min(n, head.length - headLength);
                System.arraycopy(b, off, head, headLength, copy);
                headLength += copy;
            }
            return n;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        /** The start of the body read so far, as text shortened for a message. */
        String excerpt() {
            return ErrorMapper.excerpt(new String(head, 0, headLength, StandardCharsets.UTF_8));
        }
    }

    /** Sends a request and returns its answer streamed; the caller closes the {@link Download}. */
    Download stream(Req req) {
        return run(req, response -> {
            HttpEntity entity = response.getEntity();
            InputStream in = entity == null ? InputStream.nullInputStream() : entity.getContent();
            return new Download(response, in);
        }, true, null);
    }

    /**
     * Checks the answer is JSON and hands its body to the parser as it is read from the connection; the rest of the body
     * is drained afterwards so the connection goes back to the pool.
     */
    private <T> T readBody(Req req, ClassicHttpResponse response, BodyParser<T> parser) throws IOException {
        try {
            HttpEntity entity = response.getEntity();
            InputStream content = entity == null ? null : entity.getContent();
            if (content == null) {
                content = InputStream.nullInputStream();
            }
            try (PushbackInputStream in = new PushbackInputStream(content, 1)) {
                int first = in.read();
                if (parser == null) {
                    return null; // closing the stream drains it
                }
                if (first < 0) {
                    if (response.getCode() == 204) {
                        return null;
                    }
                    throw new PaperlessUnexpectedResponseException(
                            req.method + " " + req.logPath() + " returned an empty body where JSON was expected",
                            response.getCode(), "", null);
                }
                in.unread(first);
                String ct = entity.getContentType();
                if (ct != null && !ct.toLowerCase().contains("json")) {
                    String text = new String(in.readNBytes(ErrorMapper.MAX_EXCERPT + 1), StandardCharsets.UTF_8);
                    throw new PaperlessUnexpectedResponseException(
                            req.method + " " + req.logPath() + " returned " + ct + " where JSON was expected"
                                                                   + " — is baseUrl pointing at Paperless-ngx and not at a proxy or login page? Body starts: "
                                                                   + ErrorMapper.excerpt(text.length() > 200 ? text.substring(0, 200) : text),
                            response.getCode(), ErrorMapper.excerpt(text), null);
                }
                Body body = new Body(in);
                try {
                    return parser.parse(body, response.getCode());
                } catch (StreamReadException e) {
                    throw new PaperlessUnexpectedResponseException(
                            req.method + " " + req.logPath() + " returned a body that is not valid JSON ("
                                                                   + e.getOriginalMessage() + ")",
                            response.getCode(), body.excerpt(), e);
                }
            }
        } finally {
            response.close();
        }
    }

    /** Converts a JSON tree to a type, mapping failures to {@link PaperlessUnexpectedResponseException}. */
    <T> T convert(JsonNode node, JavaType type) {
        try {
            return mapper.convertValue(node, type);
        } catch (IllegalArgumentException e) {
            throw new PaperlessUnexpectedResponseException(
                    "Cannot read the server's answer as " + type.toCanonical() + ": " + e.getMessage(), 200,
                    ErrorMapper.excerpt(node.toString()), e);
        }
    }

    interface ResponseReader<R> {
        R read(ClassicHttpResponse response) throws IOException;
    }

    /**
     * Runs a request with version negotiation, redirect handling, error mapping and the {@link RetryPolicy}: the one
     * retry loop of the client.
     *
     * @param streaming when true the reader owns the response (it is not closed here on success)
     */
    private <R> R run(Req req, ResponseReader<R> reader, boolean streaming, RetryCheck<R> check) {
        if (closed) {
            throw closedException(req, null);
        }
        if (negotiatedVersion == 0 && req.entity != null && req.authenticated) {
            // a body is not sent twice (a streamed one cannot be) to learn the version from a 406: one small probe first,
            // shared by concurrent first requests (8 uploads at once to a 2.x server cost 8 rejected uploads before).
            // Not for a request that carries its own credentials (POST /api/token/): the client's may not authenticate
            // anywhere else (a TOTP user's password answers 401 "MFA required"), and that request's own answer counts
            negotiate();
        }
        RetryPolicy retry = req.retry != null ? req.retry : config.retryPolicy();
        org.apache.hc.client5.http.protocol.HttpClientContext context = null;
        if (req.timeout != null) {
            context = org.apache.hc.client5.http.protocol.HttpClientContext.create();
            context.setRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(req.timeout))
                    .setConnectionRequestTimeout(Timeout.of(req.timeout)).build());
        }
        int attempt = 0;
        int redirects = 0;
        // an earlier attempt failed in a way that may have taken effect (sent, then no clear answer)
        boolean mayHaveTakenEffect = false;
        String currentUrl = req.url;
        while (true) {
            int version = requestedApiVersion();
            long start = System.nanoTime();
            ClassicHttpResponse response = null;
            RuntimeException failure;
            // nothing to describe when nobody observes (the request path stays as lean as without observers)
            PaperlessObserver observer = config.observer();
            PaperlessObserver.Request observed = observer == PaperlessObserver.NONE ? null
                    : observed(req, currentUrl, attempt);
            Attempt at = new Attempt(observed == null ? PaperlessObserver.RequestObservation.NONE
                    : observer.requestStarted(observed));
            try {
                ClassicRequestBuilder rb = ClassicRequestBuilder.create(req.method).setUri(currentUrl)
                        .addHeader("Accept", "application/json; version=" + version);
                if (authorization != null && req.authenticated) {
                    rb.addHeader("Authorization", authorization);
                }
                if (req.entity != null) {
                    rb.setEntity(req.entity);
                }
                Thread self = Thread.currentThread();
                executing.add(self);
                try {
                    response = http.executeOpen(null, rb.build(), context);
                } catch (IllegalStateException e) {
                    // HttpClient's "Connection pool shut down": the client was closed while this request was under way
                    throw closed ? closedException(req, e) : e;
                } catch (IOException e) {
                    if (closed) {
                        Thread.interrupted(); // our own wake-up call (see close), not the caller's
                        throw closedException(req, e);
                    }
                    throw e;
                } finally {
                    executing.remove(self);
                }
                int status = response.getCode();
                at.status = status;
                learnClock(response);
                if (LOG.isDebugEnabled()) {
                    LOG.debug("{} {} -> {} ({} ms)", req.method, pathOf(currentUrl), status,
                            (System.nanoTime() - start) / 1_000_000);
                }
                Header xv = response.getFirstHeader("X-Version");
                if (xv != null) {
                    serverVersion = xv.getValue();
                }
                if (status >= 300 && status < 400) {
                    String location = header(response, "Location");
                    closeQuietly(response);
                    URI target = location == null ? null : URI.create(currentUrl).resolve(location);
                    boolean login = location != null && location.contains("/accounts/login");
                    if (!login && target != null && redirects < MAX_REDIRECTS && url.sameServer(target)
                            && (req.method.equals("GET") || status == 307 || status == 308)
                            && (req.entity == null || req.entity.isRepeatable())) {
                        at.end(null);
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
                    String retryAfter = header(response, "Retry-After");
                    closeQuietly(response);
                    PaperlessApiException ex = ErrorMapper.fromResponse(
                            mapper, req.method, pathOf(currentUrl), status, ct, body, retryAfter);
                    at.end(ex);
                    if (status == 406 && config.apiVersion() == ApiVersion.AUTO && version == 10
                            && negotiatedVersion != 10 && isVersionRejection(ex)) {
                        // several first requests may be under way at once: each of them falls back, not only the first
                        if (negotiatedVersion == 0) {
                            LOG.info("Server does not accept API version 10; using API version 9");
                        }
                        negotiatedVersion = 9;
                        continue;
                    }
                    if (status == 404 && req.goneMeansDone && mayHaveTakenEffect) {
                        LOG.info("{} {}: 404 after an attempt whose answer was lost — the earlier attempt took effect",
                                req.method, pathOf(currentUrl));
                        return null;
                    }
                    throw ex;
                }
                if (negotiatedVersion == 0) {
                    negotiatedVersion = version;
                }
                at.end(null);
                ClassicHttpResponse ok = response;
                response = null;
                try {
                    R result = reader.read(ok);
                    if (req.verify != null) {
                        // an answer the server gives even when it failed: a refuted one is handled as a failed attempt
                        req.verify.accept(result);
                    }
                    return result;
                } catch (IOException | RuntimeException e) {
                    closeQuietly(ok);
                    throw e;
                }
            } catch (IOException e) {
                closeQuietly(response);
                if (closed) {
                    throw closedException(req, e);
                }
                failure = ErrorMapper.fromIo(req.method, pathOf(currentUrl), url.base(), e);
                at.end(failure);
            } catch (PaperlessException e) {
                closeQuietly(response);
                failure = e;
                at.end(e);
            } finally {
                at.end(null);
            }
            if (RetryPolicy.isAmbiguous(failure) && !(failure instanceof PaperlessConnectionException
                                                      && ((PaperlessConnectionException) failure).isConnectFailure())) {
                mayHaveTakenEffect = true;
            }
            boolean idempotent = req.isIdempotent();
            if (!retry.shouldRetry(attempt, idempotent, failure) || !canResend(req, failure)) {
                // with a check, also an idempotent request answered 500 (which the policy does not retry blindly)
                if (check == null || !canResend(req, failure) || !retry.shouldRetryChecked(attempt, failure)) {
                    throw failure;
                }
                // the request may or may not have taken effect: look (after the pause) before sending it again
                Checked<R> looked = lookBeforeResending(req, check, failure, retry, attempt);
                if (looked.found != null) {
                    return looked.found;
                }
                attempt = looked.attempt;
                if (observed != null) {
                    observer.retrying(observed, retryReason(failure));
                }
                continue;
            }
            pause(retry, attempt, req, failure);
            if (observed != null) {
                observer.retrying(observed, retryReason(failure));
            }
            attempt++;
        }
    }

    private record Checked<R>(R found, int attempt) {
    }

    /** One attempt as the observer sees it: ended once, with the status of the answer when there was one. */
    private static final class Attempt {
        private final PaperlessObserver.RequestObservation observation;
        int status;
        private boolean ended;

        Attempt(PaperlessObserver.RequestObservation observation) {
            this.observation = observation;
        }

        void end(Throwable failure) {
            if (!ended) {
                ended = true;
                observation.end(status, failure);
            }
        }
    }

    /** A request as observers see it: no ids in the template, no query values, no credentials. */
    private PaperlessObserver.Request observed(Req req, String absolute, int attempt) {
        URI u;
        try {
            u = URI.create(absolute);
        } catch (RuntimeException e) {
            return new PaperlessObserver.Request(req.method, "none", "none", PaperlessObserver.currentOperation(), "",
                    url.host(), -1, attempt);
        }
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        int api = path.indexOf("/api/");
        String resource = "none";
        String template = path;
        if (api >= 0) {
            String rest = path.substring(api + 5);
            int slash = rest.indexOf('/');
            resource = slash > 0 ? rest.substring(0, slash) : rest.isEmpty() ? "none" : rest;
            template = "/api/" + TEMPLATE_ID.matcher(rest).replaceAll("$1{id}");
        } else {
            template = TEMPLATE_ID.matcher(path).replaceAll("$1{id}");
        }
        StringBuilder full = new StringBuilder().append(u.getScheme()).append("://").append(u.getHost());
        int port = u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
        if (u.getPort() >= 0) {
            full.append(':').append(u.getPort());
        }
        full.append(path);
        if (u.getRawQuery() != null) {
            full.append('?');
            String sep = "";
            for (String pair : u.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                full.append(sep).append(eq < 0 ? pair : pair.substring(0, eq) + "=REDACTED");
                sep = "&";
            }
        }
        return new PaperlessObserver.Request(req.method, resource, template, PaperlessObserver.currentOperation(),
                full.toString(), u.getHost(), port, attempt);
    }

    /** A path segment that is an id (a number or a task's UUID). */
    private static final java.util.regex.Pattern TEMPLATE_ID = java.util.regex.Pattern.compile(
            "(^|/)(?:\\d+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?=/|$)");

    /** Why a request is retried, in a bounded vocabulary (a metric tag). */
    static String retryReason(RuntimeException failure) {
        if (failure instanceof PaperlessApiException) {
            return String.valueOf(((PaperlessApiException) failure).getStatusCode());
        }
        if (failure instanceof PaperlessTimeoutException) {
            return "timeout";
        }
        if (failure instanceof PaperlessConnectionException) {
            return ((PaperlessConnectionException) failure).isConnectFailure() ? "connect" : "connection";
        }
        return "other";
    }

    /**
     * Asks a {@link RetryCheck} whether a failed request took effect, pausing before each look; a look that fails
     * because the server is still unreachable is tried again under the same retry budget (the request is never sent
     * again on an unanswered question). When the budget runs out the request's own failure is thrown.
     */
    private <R> Checked<R> lookBeforeResending(Req req, RetryCheck<R> check, RuntimeException failure, RetryPolicy retry,
                                               int attempt) {
        RuntimeException reason = failure;
        while (true) {
            pause(retry, attempt, req, reason);
            attempt++;
            try {
                return new Checked<>(check.tookEffect(failure), attempt);
            } catch (PaperlessException lookFailed) {
                boolean transientFailure = RetryPolicy.isAmbiguous(lookFailed)
                        || lookFailed instanceof PaperlessRateLimitException;
                if (!transientFailure || attempt >= retry.maxRetries()) {
                    failure.addSuppressed(lookFailed);
                    throw failure;
                }
                LOG.debug("Could not yet find out whether {} {} took effect ({}); looking again", req.method,
                        req.logPath(), lookFailed.getMessage());
                reason = lookFailed;
            }
        }
    }

    private PaperlessException closedException(Req req, Exception cause) {
        return new PaperlessException(req.method + " " + req.logPath() + ": the Paperless client is closed (the endpoint "
                                      + "or component that made it was stopped, e.g. a listing walked after its route "
                                      + "stopped); walk a listing while its route runs", cause);
    }

    /** A body that cannot be read twice can be sent again only if the first attempt never got out. */
    private static boolean canResend(Req req, RuntimeException failure) {
        boolean neverSent = failure instanceof PaperlessConnectionException
                && ((PaperlessConnectionException) failure).isConnectFailure();
        return req.entity == null || req.entity.isRepeatable() || neverSent;
    }

    private static void pause(RetryPolicy retry, int attempt, Req req, RuntimeException failure) {
        Duration delay = retry.delayBefore(attempt, failure);
        LOG.debug("Retrying {} {} in {} ms (retry {} of {}): {}", req.method, req.logPath(), delay.toMillis(),
                attempt + 1, retry.maxRetries(), failure.getMessage());
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    private static String header(ClassicHttpResponse response, String name) {
        Header h = response.getFirstHeader(name);
        return h == null ? null : h.getValue();
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
            // a request waiting for a pooled connection would wait its whole timeout (the pool drops its place in the
            // line without telling it): wake it, it ends with "the client is closed"
            for (Thread t : executing) {
                t.interrupt();
            }
        }
    }

    /** One request to send. */
    static final class Req {
        final String method;
        final String url;
        final HttpEntity entity;
        /** Whether the client's credentials go along (not to an endpoint that takes them in the body). */
        final boolean authenticated;
        /** Instead of the client's retry policy (e.g. none for a readiness probe). */
        RetryPolicy retry;
        /** Instead of the client's response timeout. */
        Duration timeout;
        /**
         * A DELETE whose answer is not read: a 404 after an attempt that may have taken effect means the earlier attempt
         * deleted it.
         */
        boolean goneMeansDone;
        /**
         * Checks an answer the server gives even when the request failed (a bulk delete answers OK after swallowing
         * "database is locked"): throws an ambiguous {@link PaperlessServerException} when the request did not take
         * effect, which then counts as a failed attempt (retried under the {@link RetryPolicy} with the request's
         * {@link RetryCheck}).
         */
        java.util.function.Consumer<Object> verify;

        Req(String method, String url, HttpEntity entity) {
            this(method, url, entity, true);
        }

        Req(String method, String url, HttpEntity entity, boolean authenticated) {
            this.method = method;
            this.url = url;
            this.entity = entity;
            this.authenticated = authenticated;
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
