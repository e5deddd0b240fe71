package io.github.camelpaperless.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.consumer.SharedFileStateRepository;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * Example 1 — file drop ingest. Watches {@code ingest.dir}; a file at {@code <correspondent>/<tag>/file.pdf} is
 * uploaded with that correspondent and tag (created when missing), then the route waits for Paperless to consume it.
 * Success moves the file to {@code .done/}; a rejected file (damaged, invalid) goes to {@code .failed/} with
 * {@code <name>.reason.txt} beside it; during an outage the file stays where it is and is retried. A file is never
 * uploaded twice (see {@link Ingest}).
 */
public class FileDropIngestRoute extends RouteBuilder {

    @Override
    public void configure() throws Exception {
        String dir = getContext().resolvePropertyPlaceholders("{{ingest.dir}}");
        SharedFileStateRepository pending = new SharedFileStateRepository(Paths.get(dir, ".paperless", "pending.properties"));

        onException(Ingest.rejections()).handled(true)
                .process(Ingest::reject)
                .process(e -> {
                    Path failed = Paths.get(dir, ".failed");
                    Files.createDirectories(failed);
                    String name = e.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
                    Files.writeString(failed.resolve(name + ".reason.txt"), e.getProperty(Ingest.REASON, String.class) + "\n");
                })
                .log("Rejected ${header.CamelFileName}: ${exchangeProperty.paperlessReason}");

        Ingest.steps(
                from("file:" + dir + "?recursive=true&exclude=.*\\.reason\\.txt"
                     + "&antInclude=**/*&antExclude=.done/**,.failed/**,.paperless/**"
                     + "&readLock=changed&readLockMinAge={{ingest.readLockMinAge:1000}}&readLockCheckInterval=200"
                     + "&move=.${exchangeProperty.paperlessOutcome}/${file:name}"
                     + "&delay={{ingest.delay:2000}}")
                        .routeId("file-drop-ingest").autoStartup("{{ingest.enabled:true}}")
                        .process(FileDropIngestRoute::metadataFromLayout),
                pending, "&createMissing=true")
                .log("Ingested ${header.CamelFileName} as document ${header.CamelPaperlessId}");
    }

    /** {@code <correspondent>/<tag>/file}: the first folder is the correspondent, the second a tag. */
    static void metadataFromLayout(Exchange e) {
        String relative = e.getMessage().getHeader(Exchange.FILE_NAME, String.class).replace('\\', '/');
        String[] parts = relative.split("/");
        if (parts.length >= 2) {
            e.getMessage().setHeader(PaperlessConstants.CORRESPONDENT, parts[0]);
        }
        if (parts.length >= 3) {
            e.getMessage().setHeader(PaperlessConstants.TAGS, parts[1]);
        }
        e.getMessage().setHeader(PaperlessConstants.FILE_NAME, parts[parts.length - 1]);
    }
}
