package io.github.camelpaperless.client;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * Immutable settings of a {@link PaperlessClient}. Build with {@link #builder(String)}. {@link #toString()} never
 * shows the token or password.
 */
public final class PaperlessClientConfig {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 100_000;

    private final PaperlessUrl url;
    private final String token;
    private final String username;
    private final String password;
    private final ApiVersion apiVersion;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final int maxConnectionsPerRoute;
    private final int maxConnectionsTotal;
    private final SSLContext sslContext;
    private final boolean hostnameVerification;
    private final String proxyHost;
    private final int proxyPort;
    private final String proxyUsername;
    private final String proxyPassword;
    private final Consumer<HttpClientBuilder> httpClientCustomizer;
    private final CloseableHttpClient httpClient;
    private final int pageSize;
    private final RetryPolicy retryPolicy;
    private final PaperlessObserver observer;

    private PaperlessClientConfig(Builder b) {
        this.url = PaperlessUrl.parse(b.baseUrl);
        this.token = blankToNull(b.token);
        this.username = blankToNull(b.username);
        this.password = b.password;
        this.apiVersion = b.apiVersion == null ? ApiVersion.AUTO : b.apiVersion;
        this.connectTimeout = positive("connectTimeout", b.connectTimeout);
        this.responseTimeout = positive("responseTimeout", b.responseTimeout);
        if (b.maxConnectionsPerRoute <= 0 || b.maxConnectionsTotal <= 0) {
            throw new IllegalArgumentException("connectionsPerRoute and maxTotalConnections must be > 0");
        }
        this.maxConnectionsPerRoute = b.maxConnectionsPerRoute;
        this.maxConnectionsTotal = b.maxConnectionsTotal;
        this.sslContext = b.sslContext;
        this.hostnameVerification = b.hostnameVerification;
        this.proxyHost = blankToNull(b.proxyHost);
        this.proxyPort = b.proxyPort;
        this.proxyUsername = blankToNull(b.proxyUsername);
        this.proxyPassword = b.proxyPassword;
        this.httpClientCustomizer = b.httpClientCustomizer;
        this.httpClient = b.httpClient;
        this.pageSize = checkPageSize(b.pageSize);
        this.retryPolicy = b.retryPolicy == null ? RetryPolicy.DEFAULT : b.retryPolicy;
        this.observer = b.observer == null ? PaperlessObserver.NONE : GuardedObserver.of(b.observer);
        if (this.username != null && (this.password == null || this.password.isEmpty())) {
            throw new IllegalArgumentException("username is set but password is missing: set both, or use a token");
        }
    }

    /** Checks a page size against the server's limits (1..100000). */
    public static int checkPageSize(int pageSize) {
        if (pageSize <= 0 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException(
                    "Invalid pageSize " + pageSize + ": it must be between 1 and " + MAX_PAGE_SIZE + " (default "
                                               + DEFAULT_PAGE_SIZE + ")");
        }
        return pageSize;
    }

    private static Duration positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0, was " + d);
        }
        return d;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public static Builder builder(String baseUrl) {
        return new Builder().baseUrl(baseUrl);
    }

    public PaperlessUrl url() {
        return url;
    }

    public String token() {
        return token;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** Whether a token or username and password are set. */
    public boolean hasCredentials() {
        return token != null || username != null;
    }

    public ApiVersion apiVersion() {
        return apiVersion;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration responseTimeout() {
        return responseTimeout;
    }

    public int maxConnectionsPerRoute() {
        return maxConnectionsPerRoute;
    }

    public int maxConnectionsTotal() {
        return maxConnectionsTotal;
    }

    public SSLContext sslContext() {
        return sslContext;
    }

    public boolean hostnameVerification() {
        return hostnameVerification;
    }

    public String proxyHost() {
        return proxyHost;
    }

    public int proxyPort() {
        return proxyPort;
    }

    public String proxyUsername() {
        return proxyUsername;
    }

    public String proxyPassword() {
        return proxyPassword;
    }

    public Consumer<HttpClientBuilder> httpClientCustomizer() {
        return httpClientCustomizer;
    }

    public CloseableHttpClient httpClient() {
        return httpClient;
    }

    public int pageSize() {
        return pageSize;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** Told about each request, retry, upload and task wait (never {@code null}; guarded: it cannot break a call). */
    public PaperlessObserver observer() {
        return observer;
    }

    @Override
    public String toString() {
        return "PaperlessClientConfig[url=" + url + ", auth=" + (token != null ? "token" : username != null ? "basic" : "none")
               + ", apiVersion=" + apiVersion + ", connectTimeout=" + connectTimeout + ", responseTimeout="
               + responseTimeout + ", pageSize=" + pageSize + ", " + retryPolicy + "]";
    }

    /** Builder for {@link PaperlessClientConfig}. */
    public static final class Builder {
        private String baseUrl;
        private String token;
        private String username;
        private String password;
        private ApiVersion apiVersion = ApiVersion.AUTO;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
        private int maxConnectionsPerRoute = 20;
        private int maxConnectionsTotal = 50;
        private SSLContext sslContext;
        private boolean hostnameVerification = true;
        private String proxyHost;
        private int proxyPort = -1;
        private String proxyUsername;
        private String proxyPassword;
        private Consumer<HttpClientBuilder> httpClientCustomizer;
        private CloseableHttpClient httpClient;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private PaperlessObserver observer;

        private Builder() {
        }

        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** API token, sent as {@code Authorization: Token ...}. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** Username and password, sent as HTTP Basic (used when no token is set). */
        public Builder basicAuth(String username, String password) {
            this.username = username;
            this.password = password;
            return this;
        }

        public Builder apiVersion(ApiVersion apiVersion) {
            this.apiVersion = apiVersion;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder responseTimeout(Duration responseTimeout) {
            this.responseTimeout = responseTimeout;
            return this;
        }

        public Builder maxConnections(int perRoute, int total) {
            this.maxConnectionsPerRoute = perRoute;
            this.maxConnectionsTotal = total;
            return this;
        }

        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        /** Turning hostname verification off is unsafe: any certificate for any host is then accepted by name. */
        public Builder hostnameVerification(boolean hostnameVerification) {
            this.hostnameVerification = hostnameVerification;
            return this;
        }

        public Builder proxy(String host, int port) {
            this.proxyHost = host;
            this.proxyPort = port;
            return this;
        }

        public Builder proxyCredentials(String username, String password) {
            this.proxyUsername = username;
            this.proxyPassword = password;
            return this;
        }

        /** A hook called with the HttpClientBuilder before the client is built. */
        public Builder httpClientCustomizer(Consumer<HttpClientBuilder> customizer) {
            this.httpClientCustomizer = customizer;
            return this;
        }

        /** Use this HTTP client instead of building one; the caller keeps ownership (it is not closed). */
        public Builder httpClient(CloseableHttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        public Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        /** Metrics or traces of the client's work (see {@link PaperlessObserver}); none by default. */
        public Builder observer(PaperlessObserver observer) {
            this.observer = observer;
            return this;
        }

        public PaperlessClientConfig build() {
            return new PaperlessClientConfig(this);
        }
    }
}
