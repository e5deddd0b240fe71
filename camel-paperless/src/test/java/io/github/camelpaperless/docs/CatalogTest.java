package io.github.camelpaperless.docs;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Camel's catalog and tooling read besides the component JSON: {@code component.properties} in the jar and the
 * component's doc in Camel's format ({@code src/main/docs/paperless-component.adoc}, its header kept in step with
 * the metadata by the build's {@code update-readme}).
 */
class CatalogTest {

    private static JsonNode component() throws Exception {
        try (InputStream in = CatalogTest.class.getResourceAsStream("/META-INF/io/github/camelpaperless/component/paperless.json")) {
            return new ObjectMapper().readTree(in).path("component");
        }
    }

    @Test
    void componentPropertiesNameTheComponentAndItsCoordinates() throws Exception {
        // the component's own file: other components' jars on the class path have theirs (the 4.18 line's module has
        // camel-zookeeper and camel-kubernetes)
        Properties p = null;
        java.util.Enumeration<java.net.URL> all = getClass().getClassLoader()
                .getResources("META-INF/services/org/apache/camel/component.properties");
        while (all.hasMoreElements()) {
            Properties candidate = new Properties();
            try (InputStream in = all.nextElement().openStream()) {
                candidate.load(in);
            }
            if ("io.github.camelpaperless".equals(candidate.getProperty("groupId"))) {
                p = candidate;
            }
        }
        assertThat(p).as("META-INF/services/org/apache/camel/component.properties of this component").isNotNull();
        JsonNode c = component();
        assertThat(p.getProperty("components")).isEqualTo(c.path("scheme").asText());
        assertThat(p.getProperty("groupId")).isEqualTo(c.path("groupId").asText());
        assertThat(p.getProperty("artifactId")).isEqualTo(c.path("artifactId").asText());
        assertThat(p.getProperty("version")).isEqualTo(c.path("version").asText()).doesNotContain("${");
    }

    @Test
    void theAdocHeaderMatchesTheMetadataAndIncludesTheOptionTables() throws Exception {
        String adoc = Files.readString(Paths.get("src", "main", "docs", "paperless-component.adoc"), StandardCharsets.UTF_8);
        JsonNode c = component();
        assertThat(adoc).startsWith("= " + c.path("title").asText() + " Component")
                .contains(":doctitle: " + c.path("title").asText())
                .contains(":shortname: " + c.path("scheme").asText())
                .contains(":artifactid: " + c.path("artifactId").asText())
                .contains(":description: " + c.path("description").asText())
                .contains(":supportlevel: " + c.path("supportLevel").asText())
                .contains(":component-header: Both producer and consumer are supported")
                .contains("include::partial$component-configure-options.adoc[]")
                .contains("include::partial$component-endpoint-options.adoc[]")
                .contains("include::partial$component-endpoint-headers.adoc[]");
    }
}
