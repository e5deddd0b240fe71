package io.github.camelpaperless.lts;

import io.github.camelpaperless.component.PaperlessComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The suite of this module really runs on its Camel line, with the component jar built on the newest Camel. */
class CamelLineTest {

    @Test
    void theCamelOnTheClassPathIsThisModulesLine() throws Exception {
        String line = System.getProperty("paperless.lts.camel.version");
        assertThat(line).as("system property paperless.lts.camel.version").isNotBlank();
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            assertThat(context.getVersion()).isEqualTo(line);
            context.addComponent("paperless", new PaperlessComponent());
            context.start();
            assertThat(context.getEndpoint("paperless:tags?baseUrl=http://127.0.0.1:1&token=t")).isNotNull();
        }
    }
}
