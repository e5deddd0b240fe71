package io.github.camelpaperless.component;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import java.time.Duration;
import java.util.Map;

import io.github.camelpaperless.client.ApiVersion;
import io.github.camelpaperless.client.PaperlessClient;
import io.github.camelpaperless.client.PaperlessClientConfig;
import io.github.camelpaperless.client.PaperlessUrl;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.ScheduledPollEndpoint;

/**
 * Manage documents, tags, correspondents and every other object of a Paperless-ngx document management server, upload
 * files and react to new documents and finished tasks.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "paperless", title = "Paperless-ngx", syntax = "paperless:resource",
             category = { Category.DOCUMENT, Category.API }, headersClass = PaperlessConstants.class)
public class PaperlessEndpoint extends ScheduledPollEndpoint implements EndpointServiceLocation {

    @UriParam
    private PaperlessConfiguration configuration;
    @UriParam(label = "consumer,scheduler", defaultValue = "60000", javaType = "java.time.Duration",
              description = "Milliseconds before the next poll (default 60 s: the scheduler's usual 500 ms is far too "
                            + "often for a self-hosted server).")
    private long delay = 60_000;

    private PaperlessResource resource;

    public PaperlessEndpoint(String uri, PaperlessComponent component, PaperlessConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
        this.resource = PaperlessResource.of(configuration.getResource());
        setDelay(60_000);
    }

    /**
     * Checks every option before the route starts; the messages name the fix.
     *
     * @throws IllegalArgumentException on invalid input
     */
    public void validate() {
        resource = PaperlessResource.of(configuration.getResource());
        String op = configuration.getOperation();
        if (op != null) {
            if (!Operations.isKnown(op)) {
                throw new IllegalArgumentException("Unknown operation '" + op + "' for paperless:" + resource.path()
                                                   + ": use one of " + resource.operationNames());
            }
            if (!resource.supports(op)) {
                throw new IllegalArgumentException("Operation '" + op + "' is not supported by paperless:"
                                                   + resource.path() + ": use one of " + resource.operationNames());
            }
        }
        if (injectedClient() == null) {
            PaperlessUrl.parse(configuration.getBaseUrl());
            if (!hasCredentials() && resource != PaperlessResource.remote_version) {
                throw new IllegalArgumentException("No credentials for paperless:" + resource.path()
                                                   + ": set the token option (or username and password)");
            }
            if (resource == PaperlessResource.token
                    && (configuration.getUsername() == null || configuration.getPassword() == null)) {
                throw new IllegalArgumentException(
                        "paperless:token needs the username and password options to obtain a token");
            }
        }
        ApiVersion.parse(configuration.getApiVersion());
        PaperlessClientConfig.checkPageSize(configuration.getPageSize());
        if (!List.of("merge", "replace").contains(String.valueOf(configuration.getCustomFieldsUpdate()))) {
            throw new IllegalArgumentException("Invalid customFieldsUpdate '" + configuration.getCustomFieldsUpdate()
                                               + "': use merge or replace");
        }
        if (configuration.getRetryAttempts() < 0) {
            throw new IllegalArgumentException("retryAttempts must be >= 0 (0 disables retries)");
        }
        if (configuration.getLimit() != null && configuration.getLimit() <= 0) {
            throw new IllegalArgumentException("limit must be a positive number of log lines");
        }
        if (configuration.getFields() != null && resource != PaperlessResource.documents) {
            throw new IllegalArgumentException("The fields option (sparse fieldsets) is supported by paperless:documents only");
        }
        if (configuration.isFullPerms() && !PaperlessResource.FULL_PERMS.contains(resource)) {
            throw new IllegalArgumentException("The fullPerms option is supported by paperless:" + PaperlessResource.FULL_PERMS
                    .stream().map(PaperlessResource::path).collect(Collectors.joining(", paperless:"))
                                               + " only");
        }
        if (configuration.getWaitTimeout() <= 0) {
            throw new IllegalArgumentException("waitTimeout must be > 0 (e.g. 5m), was " + configuration.getWaitTimeout() + " ms");
        }
        if (configuration.getPollInterval() <= 0) {
            throw new IllegalArgumentException("pollInterval must be > 0 (e.g. 1s)");
        }
        if (configuration.getTaskPollMaxInterval() <= 0) {
            throw new IllegalArgumentException("taskPollMaxInterval must be > 0 (e.g. 5s; it is never below pollInterval)");
        }
        checkEnum("mode", configuration.getMode(), "added", "modified");
        checkEnum("includeContent", configuration.getIncludeContent(), "none", "original", "archive");
        if (configuration.getMaxMessagesPerPoll() < 0) {
            throw new IllegalArgumentException("maxMessagesPerPoll must be >= 0 (0 = no limit)");
        }
        if (configuration.getLookback() < 0) {
            throw new IllegalArgumentException("lookback must be >= 0");
        }
        StartPosition.parse(configuration.getStartFrom());
        checkEnum("duplicates", configuration.getDuplicates(), "allow", "skip", "fail");
        checkEnum("content", configuration.getContent(), "archive", "originals", "both");
        checkEnum("compression", configuration.getCompression(), "none", "deflated", "bzip2", "lzma");
        checkEnum("acknowledged", configuration.getAcknowledged(), "true", "false");
        if (configuration.getDays() != null && (configuration.getDays() < 1 || configuration.getDays() > 365)) {
            throw new IllegalArgumentException("days must be between 1 and 365");
        }
        if (configuration.getMaxResults() < 0) {
            throw new IllegalArgumentException("maxResults must be >= 0 (0 = all)");
        }
        validatePush();
    }

    private void validatePush() {
        PaperlessConfiguration c = configuration;
        if (!c.isPush()) {
            if (c.getConsumptionStartedFilter() != null) {
                throw new IllegalArgumentException("consumptionStartedFilter needs push=true (Paperless calls the route "
                                                   + "when it starts consuming; there is nothing to poll)");
            }
            return;
        }
        if (resource != PaperlessResource.documents) {
            throw new IllegalArgumentException("push=true is supported by from(\"paperless:documents\") only");
        }
        String url = c.getWebhookExternalUrl();
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("push=true needs webhookExternalUrl: the URL under which Paperless reaches "
                                               + "this application's HTTP server, e.g. http://camel-host:8080");
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("webhookExternalUrl must be an http:// or https:// URL (Paperless calls "
                                               + "no other scheme), was '" + url + "'");
        }
        if (c.getWebhookPath() != null && !c.getWebhookPath().startsWith("/")) {
            throw new IllegalArgumentException("webhookPath must start with '/', was '" + c.getWebhookPath() + "'");
        }
        if (!c.isProvisionWorkflow() && (c.getWebhookSecret() == null || c.getWebhookSecret().isBlank())) {
            throw new IllegalArgumentException("provisionWorkflow=false needs webhookSecret: the value your workflow's "
                                               + "webhook action sends in the X-Paperless-Secret header");
        }
        if (c.getCatchUpDelay() <= 0) {
            throw new IllegalArgumentException("catchUpDelay must be > 0 (e.g. 10m)");
        }
    }

    private static void checkEnum(String option, String value, String... allowed) {
        if (value != null && !Arrays.asList(allowed).contains(value.trim().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("Invalid " + option + " '" + value + "': use one of " + String.join(", ", allowed));
        }
    }

    private boolean hasCredentials() {
        return notBlank(configuration.getToken())
               || notBlank(configuration.getUsername()) && configuration.getPassword() != null;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    @Override
    public Producer createProducer() throws Exception {
        return new PaperlessProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        Consumer consumer = PaperlessConsumers.find().create(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** The time between polls; 60 s by default (the scheduler's 500 ms is far too often for a self-hosted server). */
    @Override
    public void setDelay(long delay) {
        super.setDelay(delay);
        this.delay = delay;
    }


    @Override
    protected void doStart() throws Exception {
        super.doStart();
        getClient();
    }

    /** Where this endpoint's consumers keep their position when no stateRepository is set: in memory, per endpoint. */
    private volatile org.apache.camel.spi.StateRepository<String, String> defaultStateRepository;

    /**
     * The in-memory position store of this endpoint's consumers (no {@code stateRepository} set): it lives as long as the
     * endpoint, so a route stopped and started again goes on where it stood (an application restart starts afresh).
     */
    public synchronized org.apache.camel.spi.StateRepository<String, String> defaultStateRepository() {
        if (defaultStateRepository == null) {
            defaultStateRepository = new org.apache.camel.support.processor.state.MemoryStateRepository();
        }
        return defaultStateRepository;
    }

    /**
     * The client of this endpoint: the injected one (option {@code client}, autowired when the registry holds exactly
     * one), or the component's client for this server and these connection settings — one per server, shared by every
     * endpoint that talks to it (one connection pool, name cache and version probe), closed when the component stops.
     */
    public PaperlessClient getClient() throws Exception {
        if (injectedClient() != null) {
            return configuration.getClient();
        }
        return getComponent().sharedClient(configuration);
    }

    /** The client this endpoint uses if one exists yet, else {@code null}: for reports, which must not create one. */
    public PaperlessClient existingClient() {
        if (injectedClient() != null) {
            return configuration.getClient();
        }
        return getComponent().existingClient(configuration);
    }

    /**
     * The client given to this endpoint (option {@code client}, or autowired), unless it is one of the component's own
     * shared clients (e.g. {@link PaperlessComponent#getSharedClient()} published as a bean and autowired back): then
     * the endpoint takes the shared client for its own settings, which is that one when they are the same.
     */
    private PaperlessClient injectedClient() {
        PaperlessClient c = configuration.getClient();
        return c == null || getComponent().owns(c) ? null : c;
    }

    @Override
    public PaperlessComponent getComponent() {
        return (PaperlessComponent) super.getComponent();
    }

    PaperlessClientConfig buildClientConfig() throws Exception {
        return PaperlessComponent.clientConfig(configuration, getCamelContext(), getComponent().observer());
    }

    public PaperlessConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(PaperlessConfiguration configuration) {
        this.configuration = configuration;
    }

    public PaperlessResource getResource() {
        return resource;
    }

    @Override
    public String getServiceUrl() {
        try {
            return PaperlessUrl.parse(configuration.getBaseUrl()).apiRoot();
        } catch (RuntimeException e) {
            return configuration.getBaseUrl();
        }
    }

    @Override
    public String getServiceProtocol() {
        return "http";
    }

    @Override
    public Map<String, String> getServiceMetadata() {
        return Map.of("resource", resource.path());
    }
}
