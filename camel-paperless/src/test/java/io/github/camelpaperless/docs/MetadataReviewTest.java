package io.github.camelpaperless.docs;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a review found wrong in the component's metadata and docs (issue 13, defect 10), checked on the generated
 * {@code paperless.json} and the Markdown, so it cannot come back.
 */
class MetadataReviewTest {

    private static JsonNode meta() throws Exception {
        try (InputStream in = MetadataReviewTest.class.getResourceAsStream(
                "/META-INF/io/github/camelpaperless/component/paperless.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void optionsSayWhatTheyDo() throws Exception {
        JsonNode p = meta().path("properties");
        // unset means "do not filter": no default false
        assertThat(p.path("acknowledged").has("defaultValue")).isFalse();
        assertThat(p.path("acknowledged").path("enum")).extracting(JsonNode::asText).containsExactly("true", "false");
        assertThat(p.path("proxyUsername").path("secret").asBoolean()).isTrue();
        assertThat(p.path("proxyPassword").path("secret").asBoolean()).isTrue();
        // the tasks consumer uses taskType too
        assertThat(p.path("taskType").path("label").asText()).isEqualTo("common");
        assertThat(p.path("limit").path("description").asText()).contains("autocomplete");
        assertThat(p.path("content").path("defaultValue").asText()).isEqualTo("archive");
        assertThat(p.path("compression").path("defaultValue").asText()).isEqualTo("none");
        assertThat(p.path("degrees").path("enum")).extracting(JsonNode::asText).containsExactly("90", "180", "270");
    }

    /** Every CamelPaperless* header the code reads is declared. */
    @Test
    void everyHeaderTheCodeReadsIsDeclared() throws Exception {
        List<String> declared = new ArrayList<>();
        meta().path("headers").fieldNames().forEachRemaining(declared::add);
        Pattern literal = Pattern.compile("\"(CamelPaperless[A-Za-z]+)\"");
        List<String> used = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(Paths.get("src/main/java"))) {
            for (java.nio.file.Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                Matcher m = literal.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(declared).contains("CamelPaperlessDays").containsAll(used);
    }

    @Test
    void docsMatchTheCode() throws Exception {
        String reliability = Files.readString(Paths.get("..", "docs", "reliability.md"));
        assertThat(reliability).doesNotContain("full jitter").contains("equal jitter");
        String operations = Files.readString(Paths.get("..", "docs", "operations.md"));
        assertThat(operations).doesNotContain("`processed_mail bulkDelete` → deleted ids").contains("deleted_mail_ids");
        String consumers = Files.readString(Paths.get("..", "docs", "consumers.md"));
        assertThat(consumers).doesNotContain("${header.CamelPaperlessDocument.correspondent}/")
                .contains("paperless.correspondents().get(d.correspondent()).name()");
    }
}
