package io.github.camelpaperless.component;

import java.util.Map;

import io.github.camelpaperless.client.PaperlessApiException;
import io.github.camelpaperless.client.PaperlessAuthenticationException;
import io.github.camelpaperless.client.PaperlessClient;
import io.github.camelpaperless.client.PaperlessConnectionException;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Readiness of a {@code paperless:} producer (option {@code healthCheckProducerEnabled}, with Camel's producer health
 * checks enabled, e.g. {@code camel.health.producersEnabled=true}): each call asks the server one small authenticated
 * question ({@code GET /api/ui_settings/}, one attempt, never retried, answered within the connect timeout to reach the
 * server plus the connect timeout for the answer) and reports DOWN when the server is unreachable or rejects the credentials,
 * with the reason and the HTTP status; never per exchange, and never with the token.
 */
public class PaperlessProducerHealthCheck implements HealthCheck {

    private final PaperlessEndpoint endpoint;
    private final String id;
    private boolean enabled = true;

    public PaperlessProducerHealthCheck(PaperlessEndpoint endpoint, String id) {
        this.endpoint = endpoint;
        this.id = id;
    }

    @Override
    public String getGroup() {
        return "camel";
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    public Result call(Map<String, Object> options) {
        HealthCheckResultBuilder b = HealthCheckResultBuilder.on(this);
        b.detail(ENDPOINT_URI, endpoint.getEndpointBaseUri());
        try {
            PaperlessClient c = endpoint.getClient();
            // one attempt within the connect timeout: a probe answers DOWN in its own time, never after the retries
            c.ping(c.config().connectTimeout());
            b.detail("server.version", c.serverVersion());
            b.detail("api.version", c.apiVersion());
            return b.up().build();
        } catch (PaperlessAuthenticationException e) {
            b.message("Paperless rejected the credentials of " + endpoint.getEndpointBaseUri() + ": " + e.getMessage());
            b.detail(HTTP_RESPONSE_CODE, e.getStatusCode());
            return b.error(e).down().build();
        } catch (PaperlessConnectionException e) {
            b.message("Paperless is unreachable: " + e.getMessage());
            return b.error(e).down().build();
        } catch (PaperlessApiException e) {
            b.message("Paperless answered HTTP " + e.getStatusCode() + ": " + e.getMessage());
            b.detail(HTTP_RESPONSE_CODE, e.getStatusCode());
            return b.error(e).down().build();
        } catch (Exception e) {
            b.message(e.getMessage());
            return b.error(e).down().build();
        }
    }
}
