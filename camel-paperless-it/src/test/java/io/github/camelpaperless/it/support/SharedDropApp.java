package io.github.camelpaperless.it.support;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.github.camelpaperless.client.model.Document;
import io.github.camelpaperless.component.SharedDropClaims;
import io.github.camelpaperless.consumer.JdbcStateRepository;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;

/**
 * One instance of an application several instances of which read one shared drop folder (a child JVM): camel-file
 * with an idempotent read lock on {@link JdbcOrphanLockAwareIdempotentRepository} in {@link SharedDropClaims} (the claim of a crashed instance is
 * taken over after {@code lockMaxAgeMillis}) and the upload ledger in the same PostgreSQL ({@link JdbcStateRepository}),
 * uploading with {@code waitForCompletion} and {@code duplicates=skip} — the recipe of docs/consumers.md. Writes
 * {@code CLAIM <file> <instance> <millis>} when it starts on a file, {@code DONE <file> <document id> <instance>
 * <millis>} when its exchange completed, {@code FAILED <file> <instance> <reason>} when it failed (synced).
 * <p>
 * Arguments: url pgPort dropDir outFile instanceName; the token in the environment variable {@code PAPERLESS_TOKEN}.
 */
public final class SharedDropApp {

    /** How old a claim must be to be taken for the claim of a crashed instance (kept alive every 3 s). */
    public static final long CLAIM_MAX_AGE_MILLIS = 15_000;

    private SharedDropApp() {
    }

    /** The claims' table, with the primary key two instances claiming one file at once need (create it once). */
    public static final String CLAIMS_TABLE = "CREATE TABLE IF NOT EXISTS CAMEL_MESSAGEPROCESSED (processorName VARCHAR(255), "
                                              + "messageId VARCHAR(1024), createdAt TIMESTAMP, PRIMARY KEY (processorName, messageId))";

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int pgPort = Integer.parseInt(args[1]);
        String drop = args[2];
        FileOutputStream out = new FileOutputStream(args[3], true);
        String name = args[4];
        DefaultCamelContext ctx = ChildJvms.paperlessContext(name, url);
        javax.sql.DataSource ds = ChildJvms.postgresAt(pgPort);
        JdbcOrphanLockAwareIdempotentRepository claims = new JdbcOrphanLockAwareIdempotentRepository(ds, "paperless-drop", ctx);
        claims.setCreateTableIfNotExists(false);
        claims.setLockMaxAgeMillis(CLAIM_MAX_AGE_MILLIS);
        claims.setLockKeepAliveIntervalMillis(3_000);
        // SharedDropClaims: camel-file 4.22.0 would release the claim another instance holds when its own claim fails
        ctx.getRegistry().bind("claims", new SharedDropClaims(claims));
        ctx.getRegistry().bind("uploads", new JdbcStateRepository(ds));
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onCompletion().onFailureOnly().process(e -> write(out, "FAILED " + file(e) + " " + name + " "
                        + String.valueOf(e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)).replace('\n', ' ')));
                from("file:" + drop + "?readLock=idempotent&idempotentRepository=#claims&readLockRemoveOnCommit=true"
                     + "&readLockIdempotentReleaseDelay=5000&move=.done&moveFailed=.failed&delay=200&initialDelay=0"
                     + "&maxMessagesPerPoll=1")
                        .routeId("drop")
                        .process(e -> write(out, "CLAIM " + file(e) + " " + name + " " + System.currentTimeMillis()))
                        .to("paperless:documents?operation=upload&waitForCompletion=true&duplicates=skip"
                            + "&uploadStateRepository=#uploads&pollInterval=1000")
                        .process(e -> write(out, "DONE " + file(e) + " " + e.getMessage().getBody(Document.class).id()
                                                 + " " + name + " " + System.currentTimeMillis()));
            }
        });
        ctx.start();
        System.out.println(name + " started");
        Thread.currentThread().join();
    }

    private static String file(Exchange e) {
        return e.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
    }

    private static void write(FileOutputStream out, String line) throws IOException {
        synchronized (out) {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.getFD().sync();
        }
    }
}
