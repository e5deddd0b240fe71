package io.github.camelpaperless.component;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.util.PropertiesHelper;

/**
 * The {@code paperless:} component. Options set on the component (e.g. {@code camel.component.paperless.baseUrl} and
 * {@code camel.component.paperless.token}) are copied into every endpoint.
 */
@Component("paperless")
public class PaperlessComponent extends HealthCheckComponent {

    @Metadata(description = "Shared configuration, copied into each endpoint")
    private PaperlessConfiguration configuration = new PaperlessConfiguration();

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
        setProperties(endpoint, parameters);
        endpoint.validate();
        return endpoint;
    }

    public PaperlessConfiguration getConfiguration() {
        return configuration;
    }

    /** Shared configuration, copied into each endpoint. */
    public void setConfiguration(PaperlessConfiguration configuration) {
        this.configuration = configuration;
    }
}
