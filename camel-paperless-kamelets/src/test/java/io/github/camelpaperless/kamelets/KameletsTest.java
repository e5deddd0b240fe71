package io.github.camelpaperless.kamelets;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.examples.standin.StandInPaperless;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each Kamelet run in a route, on the Camel 4.18 line (camel-kamelet 4.18.1), against the examples' stand-in
 * Paperless: the sink uploads with metadata from headers, the source emits the new document, the task source the
 * finished consumption — succeeded or failed.
 */
class KameletsTest extends CamelTestSupport {

    static final String TOKEN = "kamelet-token-SECRET";
    static final ObjectMapper JSON = new ObjectMapper();
    static StandInPaperless paperless;

    @BeforeAll
    static void startPaperless() throws Exception {
        paperless = StandInPaperless.start(TOKEN);
        paperless.setConsumeDelayMillis(50);
    }

    @AfterAll
    static void stopPaperless() {
        paperless.close();
    }

    private String server() {
        return "baseUrl=" + paperless.baseUrl() + "&token=RAW(" + TOKEN + ")";
    }

    @Test
    void theKameletsRunOnTheCamel418Line() {
        assertThat(context.getVersion()).isEqualTo(System.getProperty("paperless.lts.camel.version")).startsWith("4.18.");
    }

    @Test
    void theSinkUploadsWithHeaderMetadataAndTheSourcesSeeTheDocumentAndItsTask() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:upload").to("kamelet:paperless-sink?" + server() + "&waitForCompletion=true");
                from("kamelet:paperless-source?" + server() + "&startFrom=beginning&delay=100").routeId("source")
                        .to("mock:documents");
                from("kamelet:paperless-task-source?" + server() + "&status=success&startFrom=beginning&delay=100").routeId("tasks")
                        .to("mock:tasks");
            }
        });
        Exchange done = template.request("direct:upload", e -> {
            e.getMessage().setBody("A letter uploaded through the paperless-sink Kamelet");
            e.getMessage().setHeader(PaperlessConstants.TITLE, "From a Kamelet");
            e.getMessage().setHeader(Exchange.FILE_NAME, "kamelet-letter.txt");
        });
        assertThat(done.getException()).isNull();
        JsonNode document = JSON.readTree(done.getMessage().getBody(String.class));
        assertThat(document.path("title").asText()).isEqualTo("From a Kamelet");
        int id = document.path("id").asInt();

        MockEndpoint documents = getMockEndpoint("mock:documents");
        documents.expectedMinimumMessageCount(1);
        documents.assertIsSatisfied(10_000);
        List<JsonNode> seen = documents.getExchanges().stream().map(this::json).toList();
        assertThat(seen).anySatisfy(d -> {
            assertThat(d.path("id").asInt()).isEqualTo(id);
            assertThat(d.path("title").asText()).isEqualTo("From a Kamelet");
            assertThat(d.path("created").asText()).matches("\\d{4}-\\d{2}-\\d{2}.*");
        });

        MockEndpoint tasks = getMockEndpoint("mock:tasks");
        tasks.expectedMinimumMessageCount(1);
        tasks.assertIsSatisfied(10_000);
        assertThat(tasks.getExchanges().stream().map(this::json).toList()).anySatisfy(t -> {
            assertThat(t.path("status").asText()).isEqualToIgnoringCase("success");
            assertThat(t.toString()).contains("kamelet-letter.txt");
        });
    }

    @Test
    void aFailedConsumptionReachesTheTaskSourceAndIsAcknowledged() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:upload").to("kamelet:paperless-sink?" + server());
                from("kamelet:paperless-task-source?" + server() + "&startFrom=beginning&delay=100&acknowledge=true").routeId("failures")
                        .to("mock:failures");
            }
        });
        String taskId = template.requestBodyAndHeader("direct:upload", "this one will not be consumed", Exchange.FILE_NAME,
                "broken-scan.txt", String.class);
        assertThat(taskId).isNotBlank();
        MockEndpoint failures = getMockEndpoint("mock:failures");
        failures.expectedMinimumMessageCount(1);
        failures.assertIsSatisfied(10_000);
        JsonNode task = json(failures.getExchanges().get(0));
        assertThat(task.path("status").asText()).isEqualToIgnoringCase("failure");
        assertThat(task.toString()).contains("broken-scan.txt");
        // acknowledged on the server once the exchange completed (just after the mock saw it)
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline && paperless.tasks().stream()
                .noneMatch(t -> t.toString().contains("broken-scan.txt") && t.path("acknowledged").asBoolean())) {
            Thread.sleep(50);
        }
        assertThat(paperless.tasks()).anySatisfy(t -> {
            assertThat(t.toString()).contains("broken-scan.txt");
            assertThat(t.path("acknowledged").asBoolean()).isTrue();
        });
    }

    @Test
    void theKameletsDeclareTheirPropertiesAsTheCatalogDoes() throws Exception {
        for (String name : List.of("paperless-source", "paperless-sink", "paperless-task-source")) {
            Map<?, ?> kamelet = new org.snakeyaml.engine.v2.api.Load(
                    org.snakeyaml.engine.v2.api.LoadSettings.builder().build())
                    .loadFromInputStream(getClass().getResourceAsStream("/kamelets/" + name + ".kamelet.yaml")) instanceof Map<?, ?> m
                    ? m : Map.of();
            JsonNode k = JSON.valueToTree(kamelet);
            assertThat(k.path("metadata").path("name").asText()).isEqualTo(name);
            assertThat(k.path("metadata").path("labels").path("camel.apache.org/kamelet.type").asText()).isIn("source", "sink");
            assertThat(k.path("metadata").path("annotations").path("camel.apache.org/kamelet.icon").asText())
                    .startsWith("data:image/svg+xml;base64,");
            JsonNode props = k.path("spec").path("definition").path("properties");
            props.fields().forEachRemaining(p -> {
                assertThat(p.getValue().path("title").asText()).as(name + " " + p.getKey() + " title").isNotBlank();
                assertThat(p.getValue().path("description").asText()).as(name + " " + p.getKey()).isNotBlank();
            });
            assertThat(props.path("token").path("format").asText()).isEqualTo("password");
            assertThat(props.path("token").path("x-descriptors").toString()).contains("urn:camel:group:credentials");
            assertThat(k.path("spec").path("definition").path("required").toString()).contains("baseUrl", "token");
        }
    }

    private JsonNode json(Exchange e) {
        try {
            return JSON.readTree(e.getMessage().getBody(String.class));
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
