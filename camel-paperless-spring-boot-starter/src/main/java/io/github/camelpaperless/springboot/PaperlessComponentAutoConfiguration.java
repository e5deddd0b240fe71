package io.github.camelpaperless.springboot;

import io.github.camelpaperless.client.PaperlessClient;
import io.github.camelpaperless.component.PaperlessComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.support.PropertyBindingSupport;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The paperless component configured from {@code camel.component.paperless.*} (see
 * {@link PaperlessComponentConfiguration}), registered as the bean {@code paperless} (Camel finds components by name
 * in the registry), and its client as a {@link PaperlessClient} bean for code without routes. The client is the
 * component's own shared client for these settings: endpoints with the same settings use it, endpoints with settings of
 * their own (another {@code baseUrl}, token, timeouts) still get a client of their own; it is closed with the
 * component. The component's health checks show in Spring Boot's health (camel-spring-boot's health indicator) when
 * Actuator is present. {@code camel.component.paperless.enabled=false} turns all of this off.
 */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@EnableConfigurationProperties(PaperlessComponentConfiguration.class)
@ConditionalOnProperty(prefix = "camel.component.paperless", name = "enabled", havingValue = "true", matchIfMissing = true)
public class PaperlessComponentAutoConfiguration {

    @Bean(name = "paperless")
    @ConditionalOnMissingBean(PaperlessComponent.class)
    public PaperlessComponent paperlessComponent(CamelContext camelContext, PaperlessComponentConfiguration properties) {
        PaperlessComponent component = new PaperlessComponent();
        component.setCamelContext(camelContext);
        // Camel's own binding: type conversion ("10s", "true"), #bean references, the filter map
        PropertyBindingSupport.build().withCamelContext(camelContext).withTarget(component)
                .withProperties(properties.options()).withRemoveParameters(false).withMandatory(true).bind();
        return component;
    }

    /** The component's client for the configured server (needs {@code camel.component.paperless.base-url}). */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean(PaperlessClient.class)
    @ConditionalOnProperty(prefix = "camel.component.paperless", name = "base-url")
    public PaperlessClient paperlessClient(PaperlessComponent paperless) throws Exception {
        return paperless.getSharedClient();
    }
}
