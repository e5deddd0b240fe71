package io.github.camelpaperless.docs;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelpaperless.component.Operation;
import io.github.camelpaperless.component.Operations;
import io.github.camelpaperless.component.PaperlessResource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operation definitions ({@link Operations}) are the one source: the {@code operation} option's choices in the
 * generated metadata and the operation tables of {@code docs/component.md} must say the same, and no operation is
 * defined twice for a resource. Regenerate the docs tables with
 * {@code mvn -pl camel-paperless test -Dtest=OperationsTest -Dpaperless.updateDocs=true}.
 */
class OperationsTest {

    static final String BEGIN = "<!-- generated:operations:begin (from Operations by OperationsTest) -->";
    static final String END = "<!-- generated:operations:end -->";

    @Test
    void theMetadataOffersExactlyTheDefinedOperations() throws Exception {
        JsonNode meta;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/io/github/camelpaperless/component/paperless.json")) {
            meta = new ObjectMapper().readTree(in);
        }
        List<String> offered = new ArrayList<>();
        meta.path("properties").path("operation").path("enum").forEach(n -> offered.add(n.asText()));
        assertThat(offered).as("the operation option's choices (PaperlessConfiguration) in definition order")
                .containsExactlyElementsOf(Operations.names());
    }

    @Test
    void eachOperationIsDefinedOncePerResourceAndEveryResourceHasOne() {
        Set<String> seen = new HashSet<>();
        for (Operation o : Operations.ALL) {
            for (PaperlessResource r : o.resources()) {
                assertThat(seen.add(r + " " + o.name())).as(o.name() + " defined twice for " + r).isTrue();
            }
            assertThat(o.inputs()).isNotBlank();
            assertThat(o.result()).isNotBlank();
        }
        for (PaperlessResource r : PaperlessResource.values()) {
            assertThat(r.operations()).as(r.path()).isNotEmpty();
            assertThat(r.supports(r.defaultOperation())).as(r.path() + " default").isTrue();
        }
    }

    @Test
    void theDocsOperationTablesComeFromTheDefinitions() throws Exception {
        Path doc = Paths.get("..", "docs", "component.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END);
        assertThat(b).as("begin marker in docs/component.md").isGreaterThanOrEqualTo(0);
        String updated = text.substring(0, b + BEGIN.length()) + "\n" + render() + text.substring(e);
        if (Boolean.getBoolean("paperless.updateDocs")) {
            Files.writeString(doc, updated, StandardCharsets.UTF_8);
            return;
        }
        assertThat(text).as("docs/component.md operation tables are stale: run mvn -pl camel-paperless test "
                            + "-Dtest=OperationsTest -Dpaperless.updateDocs=true").isEqualTo(updated);
    }

    static String render() {
        StringBuilder sb = new StringBuilder("\n| Resource | Operations (default first) |\n|---|---|\n");
        for (PaperlessResource r : PaperlessResource.values()) {
            List<String> ops = new ArrayList<>(r.operations());
            ops.remove(r.defaultOperation());
            ops.add(0, r.defaultOperation());
            sb.append("| `").append(r.path()).append("` | `").append(String.join("`, `", ops)).append("` |\n");
        }
        sb.append("\n| Operation | Resources | Input | Result |\n|---|---|---|---|\n");
        for (Operation o : Operations.ALL) {
            List<String> rs = new ArrayList<>();
            o.resources().forEach(r -> rs.add(r.path()));
            sb.append("| `").append(o.name()).append("` | ").append(String.join(", ", rs)).append(" | ")
                    .append(cell(o.inputs())).append(" | ").append(cell(o.result())).append(" |\n");
        }
        sb.append('\n');
        return sb.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }
}
