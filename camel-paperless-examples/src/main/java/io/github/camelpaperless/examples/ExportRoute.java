package io.github.camelpaperless.examples;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.camelpaperless.client.PaperlessClient;
import io.github.camelpaperless.client.model.Document;
import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.component.PaperlessEndpoint;
import io.github.camelpaperless.consumer.SharedFileStateRepository;
import io.github.camelpaperless.endpointdsl.PaperlessEndpointBuilderFactory.PaperlessBuilders;
import org.apache.camel.Exchange;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;

/**
 * Example 4 — export. {@code from("paperless:documents")} with {@code includeContent=original} writes every new
 * document to {@code export.dir/<correspondent>/<year>/<file name>}. The position is kept in a state file, so a
 * restart continues where it stopped. Written with the type-safe Endpoint DSL ({@code camel-paperless-endpointdsl}):
 * Camel's {@link EndpointRouteBuilder} with the Paperless builders mixed in.
 */
public class ExportRoute extends EndpointRouteBuilder implements PaperlessBuilders {

    private final Map<Integer, String> names = new ConcurrentHashMap<>();

    @Override
    public void configure() throws Exception {
        getContext().getRegistry().bind("exportPositions", new SharedFileStateRepository(java.nio.file.Paths.get(
                getContext().resolvePropertyPlaceholders("{{export.stateDir:target/examples/export-state}}"), "positions.properties")));

        from(paperless("documents").includeContent("original").startFrom("{{export.startFrom:beginning}}")
                .stateRepository("#exportPositions").stateKey("export").delay("{{export.delay:5000}}"))
                .routeId("export").autoStartup("{{export.enabled:true}}")
                .process(this::target)
                .to(file("{{export.dir}}").tempPrefix(".part-"))
                .log("Exported document ${header.CamelPaperlessId} to ${header.CamelFileName}");
    }

    private void target(Exchange e) throws Exception {
        Document d = e.getMessage().getHeader(PaperlessConstants.DOCUMENT, Document.class);
        String correspondent = "no-correspondent";
        if (d.correspondent() != null) {
            correspondent = names.computeIfAbsent(d.correspondent(), id -> client(e).correspondents().get(id).name());
        }
        String year = d.created() != null ? String.valueOf(d.created().getYear()) : "unknown";
        String file = e.getMessage().getHeader(PaperlessConstants.FILE_NAME, String.class);
        if (file == null) {
            file = d.id() + ".pdf";
        }
        e.getMessage().setHeader(Exchange.FILE_NAME, safe(correspondent) + "/" + year + "/" + safe(file));
    }

    private static PaperlessClient client(Exchange e) {
        try {
            return e.getContext().getEndpoint("paperless:correspondents", PaperlessEndpoint.class).getClient();
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    static String safe(String s) {
        return s.replaceAll("[\\\\/:*?\"<>|]", "_");
    }
}
