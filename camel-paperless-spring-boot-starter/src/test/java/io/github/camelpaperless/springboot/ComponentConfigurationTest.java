package io.github.camelpaperless.springboot;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed {@code PaperlessComponentConfiguration} is what the component's metadata gives. */
class ComponentConfigurationTest {

    /** IDEs complete the properties from the metadata Spring's configuration processor writes into the jar. */
    @Test
    void theJarCarriesSpringConfigurationMetadataWithDescriptions() throws Exception {
        JsonNode meta;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("META-INF/spring-configuration-metadata.json").isNotNull();
            meta = new ObjectMapper().readTree(in);
        }
        Map<String, JsonNode> byName = new HashMap<>();
        meta.path("properties").forEach(p -> byName.put(p.path("name").asText(), p));
        assertThat(byName).containsKeys("camel.component.paperless.base-url", "camel.component.paperless.token",
                "camel.component.paperless.api-version", "camel.component.paperless.filters",
                "camel.component.paperless.enabled");
        assertThat(byName.get("camel.component.paperless.base-url").path("description").asText())
                .contains("Paperless-ngx server");
        assertThat(byName.get("camel.component.paperless.api-version").path("description").asText())
                .contains("Values: auto, 9, 10");
    }

    @Test
    void thePropertiesClassIsGeneratedFromTheComponentMetadata() throws Exception {
        String expected = ComponentConfigurationGenerator.render(ComponentConfigurationGenerator.metadata());
        if (Boolean.getBoolean("paperless.updateDocs")) {
            Files.writeString(ComponentConfigurationGenerator.TARGET, expected, StandardCharsets.UTF_8);
            return;
        }
        assertThat(Files.readString(ComponentConfigurationGenerator.TARGET, StandardCharsets.UTF_8))
                .as("src/generated/.../PaperlessComponentConfiguration.java is stale: run mvn -pl "
                    + "camel-paperless-spring-boot-starter test -Dtest=ComponentConfigurationTest -Dpaperless.updateDocs=true")
                .isEqualTo(expected);
        // every component option (but the nested configuration) is a property
        assertThat(ComponentConfigurationGenerator.options(ComponentConfigurationGenerator.metadata()))
                .hasSizeGreaterThan(70)
                .allSatisfy(o -> assertThat(expected).contains(" " + o.getKey() + ";"));
    }
}
