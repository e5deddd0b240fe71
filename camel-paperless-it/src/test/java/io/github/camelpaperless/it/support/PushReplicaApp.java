package io.github.camelpaperless.it.support;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.consumer.JdbcStateRepository;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * One replica of an application that receives Paperless' webhooks behind one URL (a child JVM): its own HTTP server
 * (Vert.x platform-http on {@code port}), {@code paperless:documents?push=true} with {@code webhookExternalUrl} = the
 * round-robin proxy in front of every replica, the position shared in PostgreSQL ({@link JdbcStateRepository}),
 * {@code deleteWorkflowOnStop=true}. Writes {@code <id> <redelivered> <push|poll> <instance> <millis>} per exchange
 * (synced) and works {@code workMillis} on each; {@code STARTED <instance>} once started, {@code START-FAILED <instance>
 * <message>} (and exits with 3) when it cannot start, {@code STOPPED <instance>} after a clean stop (SIGTERM).
 * <p>
 * Arguments: url pgPort outFile instanceName port proxyUrl stateKey workflowName tagId catchUpDelay workMillis
 * secret ({@code -}: none, derived); the token in the environment variable {@code PAPERLESS_TOKEN}.
 */
public final class PushReplicaApp {

    private PushReplicaApp() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int pgPort = Integer.parseInt(args[1]);
        FileOutputStream out = new FileOutputStream(args[2], true);
        String name = args[3];
        int port = Integer.parseInt(args[4]);
        String proxy = args[5];
        String stateKey = args[6];
        String workflow = args[7];
        String tag = args[8];
        String catchUpDelay = args[9];
        long work = Long.parseLong(args[10]);
        String secret = args[11];
        // what the replica did goes into its log file (ChildJvms: log4j2-child.properties); the suite shows its tail
        DefaultCamelContext ctx = ChildJvms.paperlessContext(name, url);
        ctx.getRegistry().bind("positions", new JdbcStateRepository(ChildJvms.postgresAt(pgPort)));
        VertxPlatformHttpServerConfiguration http = new VertxPlatformHttpServerConfiguration();
        http.setBindHost("127.0.0.1");
        http.setBindPort(port);
        ctx.addService(new VertxPlatformHttpServer(http));
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("paperless:documents?push=true&webhookExternalUrl=" + proxy + "&webhookPath=/hook&workflowName="
                     + workflow + "&deleteWorkflowOnStop=true&stateRepository=#positions&stateKey=" + stateKey
                     + "&catchUpDelay=" + catchUpDelay + "&initialDelay=0&filter.tags__id__all=" + tag
                     + (secret.equals("-") ? "" : "&webhookSecret=" + secret))
                        .routeId("inbox")
                        .process(e -> {
                            write(out, e.getMessage().getHeader(PaperlessConstants.ID) + " "
                                       + e.getMessage().getHeader(PaperlessConstants.REDELIVERED) + " "
                                       + e.getMessage().getHeader(PaperlessConstants.EVENT_SOURCE) + " " + name + " "
                                       + System.currentTimeMillis());
                            Thread.sleep(work);
                        });
            }
        });
        try {
            ctx.start();
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            e.printStackTrace();
            write(out, "START-FAILED " + name + " " + String.valueOf(root.getMessage()).replace('\n', ' '));
            System.exit(3);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ctx.stop();
            try {
                write(out, "STOPPED " + name);
            } catch (IOException ignored) {
                // exiting
            }
        }));
        write(out, "STARTED " + name);
        Thread.currentThread().join();
    }

    private static void write(FileOutputStream out, String line) throws IOException {
        synchronized (out) {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.getFD().sync();
        }
    }
}
