package io.github.camelpaperless.it.support;

import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.consumer.AbstractPaperlessConsumer;
import io.github.camelpaperless.consumer.JdbcStateRepository;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;

/**
 * One instance of an application run as several replicas (a child JVM): a documents consumer with an after-success
 * action whose position is in PostgreSQL ({@link JdbcStateRepository}, fenced), writing one line per exchange
 * ({@code <id> <redelivered> <epoch> <instance> <epoch millis>}, synced) and working {@code workMillis} on each; a line
 * {@code FENCED <instance> <millis> <message>} when another instance took the position over.
 * <p>
 * Leadership: {@code filelock:<dir>} — Camel's {@code FileLockClusterService} on that directory with
 * {@code ClusteredRoutePolicy} (heartbeat every second, a leader stale after 3); {@code always} — the route starts at
 * once, as when a lease-based cluster service (Kubernetes Lease, ZooKeeper) elects this instance because the previous
 * leader's lease expired while it was frozen.
 * <p>
 * Arguments: url pgPort outFile titlePrefix tagId workMillis instanceName leadership; the token in the environment
 * variable {@code PAPERLESS_TOKEN}.
 */
public final class ClusterApp {

    private ClusterApp() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int pgPort = Integer.parseInt(args[1]);
        String outFile = args[2];
        String prefix = args[3];
        String tag = args[4];
        long work = Long.parseLong(args[5]);
        String name = args[6];
        String leadership = args[7];
        DefaultCamelContext ctx = ChildJvms.paperlessContext(name, url);
        javax.sql.DataSource ds = ChildJvms.postgresAt(pgPort);
        ctx.getRegistry().bind("positions", new JdbcStateRepository(ds));
        boolean clustered = leadership.startsWith("filelock:");
        if (clustered) {
            FileLockClusterService cluster = new FileLockClusterService();
            cluster.setId(name);
            cluster.setRoot(leadership.substring("filelock:".length()));
            cluster.setAcquireLockDelay(200, TimeUnit.MILLISECONDS);
            cluster.setAcquireLockInterval(1, TimeUnit.SECONDS);
            cluster.setHeartbeatTimeoutMultiplier(3);
            ctx.addService(cluster);
        }
        FileOutputStream out = new FileOutputStream(outFile, true);
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() throws Exception {
                var route = from("paperless:documents?stateRepository=#positions&stateKey=" + prefix
                                 + "&startFrom=beginning&delay=300&initialDelay=0&maxMessagesPerPoll=4"
                                 + "&filter.title__istartswith=" + prefix + "&addTags=" + tag)
                        .routeId("export");
                if (clustered) {
                    route.routePolicy(ClusteredRoutePolicy.forNamespace("paperless-" + prefix));
                }
                route.process(e -> {
                    String line = e.getMessage().getHeader(PaperlessConstants.ID) + " "
                                  + e.getMessage().getHeader(PaperlessConstants.REDELIVERED) + " "
                                  + e.getMessage().getHeader(PaperlessConstants.EPOCH) + " " + name + " "
                                  + System.currentTimeMillis() + "\n";
                    synchronized (out) {
                        out.write(line.getBytes(StandardCharsets.UTF_8));
                        out.getFD().sync();
                    }
                    Thread.sleep(work);
                });
            }
        });
        ctx.start();
        System.out.println(name + " started");
        // reports once when another instance took the position over (what its health check and log say)
        while (true) {
            var consumer = ctx.getRoute("export") == null ? null : ctx.getRoute("export").getConsumer();
            if (consumer instanceof AbstractPaperlessConsumer c && c.fenced() != null) {
                String line = "FENCED " + name + " " + System.currentTimeMillis() + " " + c.fenced().getMessage() + "\n";
                synchronized (out) {
                    out.write(line.getBytes(StandardCharsets.UTF_8));
                    out.getFD().sync();
                }
                break;
            }
            Thread.sleep(100);
        }
        Thread.currentThread().join();
    }
}
