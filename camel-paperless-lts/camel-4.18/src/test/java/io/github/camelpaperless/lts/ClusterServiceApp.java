package io.github.camelpaperless.lts;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.github.camelpaperless.component.PaperlessComponent;
import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.consumer.AbstractPaperlessConsumer;
import io.github.camelpaperless.consumer.JdbcStateRepository;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.kubernetes.KubernetesConfiguration;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;
import org.apache.camel.component.zookeeper.ZooKeeperCuratorConfiguration;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;

/**
 * One instance of the single-active recipe on a lease-based cluster service, run as its own JVM by the real-server
 * suite ({@code ClusterServicesIT} in camel-paperless-it): {@code paperless:documents} under
 * {@link ClusteredRoutePolicy} with Camel's {@link ZooKeeperClusterService} or {@link KubernetesClusterService} (both
 * resolve at Camel 4.18 only), the position in PostgreSQL ({@link JdbcStateRepository}, fenced), an after-success
 * {@code addTags}. Writes {@code <id> <redelivered> <epoch> <instance> <millis>} per exchange and works
 * {@code workMillis} on it; {@code FENCED <instance> <millis> <message>} once its consumer was fenced (synced).
 * <p>
 * Arguments: service (zookeeper:&lt;connect string&gt; or kubernetes:&lt;API server URL&gt;) paperlessUrl pgPort outFile
 * titlePrefix tagId workMillis instanceName; the token in the environment variable {@code PAPERLESS_TOKEN}.
 */
public final class ClusterServiceApp {

    private ClusterServiceApp() {
    }

    public static void main(String[] args) throws Exception {
        String service = args[0];
        String url = args[1];
        int pgPort = Integer.parseInt(args[2]);
        FileOutputStream out = new FileOutputStream(args[3], true);
        String prefix = args[4];
        String tag = args[5];
        long work = Long.parseLong(args[6]);
        String name = args[7];
        // what the instance did goes into its log file (the suite's ChildJvms: log4j2-child.properties)

        DefaultCamelContext ctx = new DefaultCamelContext();
        ctx.getCamelContextExtension().setName(name);
        PaperlessComponent pc = new PaperlessComponent();
        pc.getConfiguration().setBaseUrl(url);
        pc.getConfiguration().setToken(System.getenv("PAPERLESS_TOKEN"));
        ctx.addComponent("paperless", pc);
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setServerNames(new String[] { "localhost" });
        ds.setPortNumbers(new int[] { pgPort });
        ds.setDatabaseName("postgres");
        ds.setUser("postgres");
        ctx.getRegistry().bind("positions", new JdbcStateRepository(ds));
        ctx.addService(cluster(service, name, "paperless-" + prefix));
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() throws Exception {
                from("paperless:documents?stateRepository=#positions&stateKey=" + prefix
                     + "&startFrom=beginning&delay=300&initialDelay=0&maxMessagesPerPoll=4"
                     + "&filter.title__istartswith=" + prefix + "&addTags=" + tag)
                        .routeId("export")
                        .routePolicy(ClusteredRoutePolicy.forNamespace("paperless-" + prefix))
                        .process(e -> {
                            write(out, e.getMessage().getHeader(PaperlessConstants.ID) + " "
                                       + e.getMessage().getHeader(PaperlessConstants.REDELIVERED) + " "
                                       + e.getMessage().getHeader(PaperlessConstants.EPOCH) + " " + name + " "
                                       + System.currentTimeMillis());
                            Thread.sleep(work);
                        });
            }
        });
        ctx.start();
        write(out, "STARTED " + name);
        // reports once that another instance took the position over (kept by the consumer after its route stopped)
        while (true) {
            var route = ctx.getRoute("export");
            if (route != null && route.getConsumer() instanceof AbstractPaperlessConsumer c && c.lastFencing() != null) {
                write(out, "FENCED " + name + " " + System.currentTimeMillis() + " " + c.lastFencing().getMessage());
                break;
            }
            Thread.sleep(10);
        }
        Thread.currentThread().join();
    }

    /** The recipe's cluster service (docs/consumers.md "Which cluster service"), with test-short timings. */
    static CamelClusterService cluster(String service, String name, String namespace) {
        if (service.startsWith("zookeeper:")) {
            // the recipe's own Curator client, so that ZooKeeperRejoin can put the instance back into the election
            // after a lost connection (Camel's view does not)
            CuratorFramework curator = CuratorFrameworkFactory.builder().connectString(service.substring("zookeeper:".length()))
                    .sessionTimeoutMs(4000).connectionTimeoutMs(2000).retryPolicy(new ExponentialBackoffRetry(200, 10))
                    .build();
            curator.start();
            // (the no-argument constructor leaves its configuration null until start: its setters would fail)
            ZooKeeperClusterService zk = new ZooKeeperClusterService(new ZooKeeperCuratorConfiguration());
            zk.setId(name);
            zk.setCuratorFramework(curator);
            zk.setBasePath("/camel/cluster");
            curator.getConnectionStateListenable().addListener(new ZooKeeperRejoin(zk, namespace));
            return zk;
        }
        if (service.startsWith("kubernetes:")) {
            KubernetesConfiguration api = new KubernetesConfiguration();
            api.setMasterUrl(service.substring("kubernetes:".length()));
            KubernetesClusterService k8s = new KubernetesClusterService(api);
            k8s.setId(name);
            k8s.setKubernetesResourcesNamespace("paperless");
            k8s.setPodName(name);
            k8s.setClusterLabels(new HashMap<>(Map.of("app", "paperless-export")));
            k8s.setLeaseResourceType(LeaseResourceType.Lease);
            k8s.setLeaseDurationMillis(3000);
            k8s.setRenewDeadlineMillis(2000);
            k8s.setRetryPeriodMillis(500);
            return k8s;
        }
        throw new IllegalArgumentException("service: zookeeper:<connect string> or kubernetes:<API server URL>, not " + service);
    }

    static void write(FileOutputStream out, String line) throws IOException {
        synchronized (out) {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.getFD().sync();
        }
    }
}
