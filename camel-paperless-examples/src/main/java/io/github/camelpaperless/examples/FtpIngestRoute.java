package io.github.camelpaperless.examples;

import java.nio.file.Paths;

import io.github.camelpaperless.consumer.SharedFileStateRepository;
import org.apache.camel.builder.RouteBuilder;

/**
 * Example 3 — FTP ingest. Polls {@code ftp.uri}; each file is uploaded and consumed, then moved on the server to
 * {@code .done/} (or {@code .failed/} when Paperless rejects it). While Paperless is unreachable the remote file stays
 * and is retried; nothing is uploaded twice. For SFTP use an {@code sftp://} URI (camel-ftp supports both).
 */
public class FtpIngestRoute extends RouteBuilder {

    @Override
    public void configure() throws Exception {
        SharedFileStateRepository pending = new SharedFileStateRepository(
                Paths.get(getContext().resolvePropertyPlaceholders("{{ftp.stateDir:target/examples/ftp-state}}"), "pending.properties"));

        onException(Ingest.rejections()).handled(true)
                .process(Ingest::reject)
                .log("Rejected ${header.CamelFileName}: ${exchangeProperty.paperlessReason}");

        Ingest.steps(
                from("{{ftp.uri}}?username={{ftp.username}}&password=RAW({{ftp.password}})&passiveMode=true&binary=true"
                     + "&move=.${exchangeProperty.paperlessOutcome}/${file:name}&antExclude=.done/**,.failed/**"
                     + "&delay={{ftp.delay:5000}}&stepwise=false&throwExceptionOnConnectFailed=true")
                        .routeId("ftp-ingest").autoStartup("{{ftp.enabled:false}}"),
                pending, "&createMissing=true")
                .log("Ingested ${header.CamelFileName} from FTP as document ${header.CamelPaperlessId}");
    }
}
