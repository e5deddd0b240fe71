package io.github.camelpaperless.component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.camelpaperless.client.ApiVersion;
import io.github.camelpaperless.client.ChatAnswer;
import io.github.camelpaperless.client.PaperlessClient;
import io.github.camelpaperless.client.PaperlessClientConfig;
import io.github.camelpaperless.client.PaperlessObserver;
import io.github.camelpaperless.client.ResponseStream;
import io.github.camelpaperless.client.RetryPolicy;
import io.github.camelpaperless.client.UploadLedger;
import io.github.camelpaperless.observability.Observability;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.StreamCachingStrategy;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.util.IOHelper;
import org.apache.camel.util.PropertiesHelper;

/**
 * The {@code paperless:} component. Options set on the component (e.g. {@code camel.component.paperless.baseUrl} and
 * {@code camel.component.paperless.token}) are copied into every endpoint.
 */
@Component("paperless")
public class PaperlessComponent extends HealthCheckComponent {

    @Metadata(description = "Shared configuration, copied into each endpoint")
    private PaperlessConfiguration configuration = new PaperlessConfiguration();

    @Metadata(label = "advanced", defaultValue = "true",
              description = "Record metrics (Micrometer meters named paperless.*: requests, retries, uploads, task waits, "
                            + "consumer polls and lag, the connection pool) when a MeterRegistry is in the registry. "
                            + "See docs/observability.md")
    private boolean metricsEnabled = true;

    @Metadata(label = "advanced", defaultValue = "true",
              description = "Trace requests (an OpenTelemetry CLIENT span per HTTP request, a span around each wait for a "
                            + "consumption task) when the OpenTelemetry API is on the class path: with the OpenTelemetry "
                            + "of the registry, else the global one")
    private boolean tracingEnabled = true;

    /** Gauges of the shared clients' connection pools, removed when the component stops. */
    private final List<AutoCloseable> poolGauges = new java.util.concurrent.CopyOnWriteArrayList<>();

    public PaperlessComponent() {
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        PaperlessResource.of(remaining); // fail early, listing the valid resources
        PaperlessConfiguration config = configuration.copy();
        config.setResource(remaining);
        PaperlessEndpoint endpoint = new PaperlessEndpoint(uri, this, config);
        Map<String, Object> filters = PropertiesHelper.extractProperties(parameters, "filter.");
        if (!filters.isEmpty()) {
            Map<String, Object> merged = config.getFilters() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(config.getFilters());
            merged.putAll(filters);
            config.setFilters(merged);
        }
        Map<String, Object> customFields = PropertiesHelper.extractProperties(parameters, "setCustomField.");
        if (!customFields.isEmpty()) {
            config.setSetCustomFields(new LinkedHashMap<>(customFields));
        }
        setProperties(endpoint, parameters);
        endpoint.validate();
        return endpoint;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        keepDownloadsStreaming(getCamelContext().getStreamCachingStrategy());
    }

    /**
     * Camel 4 caches stream bodies between route steps, in memory unless spooling is enabled: a downloaded document
     * would be read whole into the heap, a chat answer read to its end before the route sees its first words. Downloads
     * are {@link ResponseStream}s and chat answers {@link ChatAnswer}s, which this excludes from stream caching so they
     * stay streamed (convert the body explicitly when it must be read twice).
     */
    static void keepDownloadsStreaming(StreamCachingStrategy strategy) {
        if (strategy == null) {
            return;
        }
        Collection<Class<?>> deny = strategy.getDenyClasses();
        List<Class<?>> all = new ArrayList<>(deny == null ? List.of() : deny);
        for (Class<?> streamed : List.of(ResponseStream.class, ChatAnswer.class)) {
            if (!all.contains(streamed)) {
                all.add(streamed);
            }
        }
        if (deny == null || all.size() != deny.size()) {
            strategy.setDenyClasses(all.toArray(new Class<?>[0]));
        }
    }

    /** One client per server and connection settings (see {@link ClientKey}), shared by the endpoints. */
    private final Map<ClientKey, PaperlessClient> clients = new ConcurrentHashMap<>();

    /** The client for these server and connection settings, built on first use and shared. */
    PaperlessClient sharedClient(PaperlessConfiguration settings) throws Exception {
        ClientKey key = ClientKey.of(settings);
        PaperlessClient c = clients.get(key);
        if (c != null) {
            return c;
        }
        synchronized (clients) {
            c = clients.get(key);
            if (c == null) {
                c = new PaperlessClient(clientConfig(settings, getCamelContext(), observer()));
                clients.put(key, c);
                poolGauges.add(Observability.connectionPool(getCamelContext(), metricsEnabled, c,
                        String.valueOf(clients.size())));
            }
            return c;
        }
    }

    /**
     * The client for the component's own settings (baseUrl, credentials, connection options): the one every endpoint
     * without settings of its own uses, usable without routes (e.g. published as a bean). Owned by the component: closed
     * when it stops.
     */
    public PaperlessClient getSharedClient() throws Exception {
        return sharedClient(configuration);
    }

    /** Whether the client is one of the component's own shared clients. */
    boolean owns(PaperlessClient client) {
        return clients.containsValue(client);
    }

    /** The shared client for these settings if it exists, else {@code null} (never creates one). */
    PaperlessClient existingClient(PaperlessConfiguration settings) {
        return clients.get(ClientKey.of(settings));
    }

    /** What the component's clients report their work to: meters and spans, when their libraries are present. */
    PaperlessObserver observer() {
        return Observability.observer(getCamelContext(), metricsEnabled, tracingEnabled);
    }

    /** The client settings of a configuration. */
    static PaperlessClientConfig clientConfig(PaperlessConfiguration c, CamelContext context, PaperlessObserver observer)
            throws Exception {
        PaperlessClientConfig.Builder b = PaperlessClientConfig.builder(c.getBaseUrl())
                .apiVersion(ApiVersion.parse(c.getApiVersion()))
                .connectTimeout(Duration.ofMillis(c.getConnectTimeout()))
                .responseTimeout(Duration.ofMillis(c.getResponseTimeout()))
                .maxConnections(c.getConnectionsPerRoute(), c.getMaxTotalConnections())
                .pageSize(c.getPageSize())
                .hostnameVerification(c.isHostnameVerification())
                .retryPolicy(c.getRetryAttempts() == 0
                        ? RetryPolicy.NONE
                        : new RetryPolicy(c.getRetryAttempts(), Duration.ofMillis(c.getRetryDelay()),
                                Duration.ofMillis(c.getRetryMaxDelay())));
        if (c.getToken() != null && !c.getToken().isBlank()) {
            b.token(c.getToken());
        } else if (c.getUsername() != null && !c.getUsername().isBlank()) {
            b.basicAuth(c.getUsername(), c.getPassword());
        }
        if (c.getSslContextParameters() != null) {
            b.sslContext(c.getSslContextParameters().createSSLContext(context));
        }
        if (c.getProxyHost() != null) {
            b.proxy(c.getProxyHost(), c.getProxyPort() == null ? -1 : c.getProxyPort());
            if (c.getProxyUsername() != null) {
                b.proxyCredentials(c.getProxyUsername(), c.getProxyPassword());
            }
        }
        if (c.getHttpClientConfigurer() != null) {
            b.httpClientCustomizer(c.getHttpClientConfigurer()::configureHttpClient);
        }
        if (c.getHttpClient() != null) {
            b.httpClient(c.getHttpClient());
        }
        b.observer(observer);
        return b.build();
    }

    /** Upload ledgers on a state repository (option uploadStateRepository), one per repository. */
    private final Map<org.apache.camel.spi.StateRepository<String, String>, UploadLedger> ledgers
            = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

    /** The key under which an upload ledger is kept in its state repository. */
    public static final String UPLOAD_LEDGER_KEY = "paperless.uploads";

    /**
     * Where an endpoint's uploads are remembered: its {@code uploadStateRepository} (started here, one ledger per
     * repository), else the client's in-memory ledger.
     */
    UploadLedger uploadLedger(PaperlessConfiguration settings, PaperlessClient client) {
        org.apache.camel.spi.StateRepository<String, String> repo = settings.getUploadStateRepository();
        if (repo == null) {
            return client.uploadLedger();
        }
        return ledgers.computeIfAbsent(repo, r -> {
            org.apache.camel.support.service.ServiceHelper.startService(r);
            return UploadLedger.stored(new UploadLedger.Store() {
                @Override
                public String get(String key) {
                    return r.getState(key);
                }

                @Override
                public void put(String key, String value) {
                    r.setState(key, value == null ? "" : value);
                }

                @Override
                public void update(String key, java.util.function.UnaryOperator<String> change) {
                    if (r instanceof SharedStateRepository shared) {
                        // instances sharing a drop record their uploads in one value at once: none is lost
                        shared.update(key, change);
                    } else {
                        put(key, change.apply(get(key)));
                    }
                }
            }, UPLOAD_LEDGER_KEY);
        });
    }

    /** How many distinct clients (connection pools) the component holds. */
    public int clientCount() {
        return clients.size();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        synchronized (clients) {
            for (AutoCloseable gauges : poolGauges) {
                try {
                    gauges.close();
                } catch (Exception ignore) {
                    // the registry is going away too
                }
            }
            poolGauges.clear();
            clients.values().forEach(IOHelper::close);
            clients.clear();
        }
    }

    public boolean isMetricsEnabled() {
        return metricsEnabled;
    }

    /** Record metrics when a MeterRegistry is in the registry. */
    public void setMetricsEnabled(boolean metricsEnabled) {
        this.metricsEnabled = metricsEnabled;
    }

    public boolean isTracingEnabled() {
        return tracingEnabled;
    }

    /** Trace requests when the OpenTelemetry API is on the class path. */
    public void setTracingEnabled(boolean tracingEnabled) {
        this.tracingEnabled = tracingEnabled;
    }

    public PaperlessConfiguration getConfiguration() {
        return configuration;
    }

    /** Shared configuration, copied into each endpoint. */
    public void setConfiguration(PaperlessConfiguration configuration) {
        this.configuration = configuration;
    }
}
