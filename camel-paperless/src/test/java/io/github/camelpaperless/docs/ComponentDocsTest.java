package io.github.camelpaperless.docs;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The option and header tables of {@code docs/component.md} come from the generated component metadata
 * ({@code paperless.json}). This test fails when they drift; regenerate them with
 * {@code mvn -pl camel-paperless test -Dtest=ComponentDocsTest -Dpaperless.updateDocs=true}.
 */
class ComponentDocsTest {

    static final String BEGIN = "<!-- generated:begin (from paperless.json by ComponentDocsTest) -->";
    static final String END = "<!-- generated:end -->";

    @Test
    void referenceTablesMatchTheGeneratedMetadata() throws Exception {
        JsonNode meta;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/io/github/camelpaperless/component/paperless.json")) {
            assertThat(in).as("generated component metadata on the classpath").isNotNull();
            meta = new ObjectMapper().readTree(in);
        }
        String tables = render(meta);
        Path doc = Paths.get("..", "docs", "component.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END);
        assertThat(b).as("begin marker in docs/component.md").isGreaterThanOrEqualTo(0);
        String updated = text.substring(0, b + BEGIN.length()) + "\n" + tables + text.substring(e);
        if (Boolean.getBoolean("paperless.updateDocs")) {
            Files.writeString(doc, updated, StandardCharsets.UTF_8);
            return;
        }
        assertThat(text).as("docs/component.md tables are stale: run mvn -pl camel-paperless test -Dtest=ComponentDocsTest "
                            + "-Dpaperless.updateDocs=true")
                .isEqualTo(updated);
    }

    static String render(JsonNode meta) {
        StringBuilder sb = new StringBuilder();
        sb.append("\n### Component options\n\nSet on the component (e.g. `camel.component.paperless.token`); copied into every endpoint.\n\n");
        table(sb, meta.get("componentProperties"), false);
        sb.append("\n### Endpoint options\n\n`paperless:resource?option=value&...`\n\n");
        table(sb, meta.get("properties"), true);
        sb.append("\n### Message headers\n\n| Header | Type | Description |\n|---|---|---|\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = meta.get("headers").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> h = it.next();
            sb.append("| `").append(h.getKey()).append("` | `").append(simple(h.getValue().path("javaType").asText()))
                    .append("` | ").append(cell(h.getValue().path("description").asText())).append(" |\n");
        }
        sb.append('\n');
        return sb.toString();
    }

    private static void table(StringBuilder sb, JsonNode props, boolean path) {
        sb.append("| Name | Group | Default | Type | Description |\n|---|---|---|---|---|\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> p = it.next();
            JsonNode o = p.getValue();
            String name = p.getKey() + (o.path("kind").asText().equals("path") ? " (path)" : "")
                          + (o.path("required").asBoolean() ? " *required*" : "")
                          + (o.path("secret").asBoolean() ? " *secret*" : "");
            String def = o.has("defaultValue") ? "`" + o.get("defaultValue").asText() + "`" : "";
            String desc = o.path("description").asText();
            if (o.has("enum")) {
                StringBuilder en = new StringBuilder();
                o.get("enum").forEach(v -> en.append(en.length() == 0 ? "" : ", ").append(v.asText()));
                desc += " Values: " + en + ".";
            }
            sb.append("| ").append(name).append(" | ").append(o.path("group").asText()).append(" | ").append(def)
                    .append(" | `").append(simple(o.path("javaType").asText())).append("` | ").append(cell(desc)).append(" |\n");
        }
    }

    private static String simple(String javaType) {
        return javaType.replaceAll("([a-z0-9]+\\.)+", "");
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
