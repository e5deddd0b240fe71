package io.github.camelpaperless.lts;

import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderSelector;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Part of the ZooKeeper recipe (docs/consumers.md): puts an instance back into the election after its connection to
 * ZooKeeper was suspended or its session lost. Camel's ZooKeeper view (4.18, and 4.22 unchanged) runs Curator's
 * {@code LeaderSelector} without auto-requeue, and the selector cancels its task on every SUSPENDED or LOST connection —
 * also while it only waits for its turn. So every instance connected to a ZooKeeper node that dies, or paused past its
 * session, leaves the election for good: when the leader goes next, nobody takes over. On RECONNECTED this listener
 * requeues the selector of each view that has no participant of this instance any more.
 * <p>
 * The view keeps its selector to itself: it is reached by reflection (field {@code leaderSelector}, Camel 4.18–4.22).
 * Stopping and starting the view instead (its start requeues) fires leadership events into
 * {@code ClusteredRoutePolicy} and can deadlock with a CamelContext that is stopping at the same time.
 * <p>
 * Register it on the CuratorFramework the service uses:
 * {@code curator.getConnectionStateListenable().addListener(new ZooKeeperRejoin(cluster, "paperless-export"))}.
 */
public final class ZooKeeperRejoin implements ConnectionStateListener {

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperRejoin.class);

    private final CamelClusterService cluster;
    private final List<String> namespaces;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "zookeeper-rejoin");
        t.setDaemon(true);
        return t;
    });

    public ZooKeeperRejoin(CamelClusterService cluster, String... namespaces) {
        this.cluster = cluster;
        this.namespaces = List.of(namespaces);
    }

    @Override
    public void stateChanged(CuratorFramework client, ConnectionState state) {
        if (state == ConnectionState.RECONNECTED) {
            // not on Curator's event thread: the view talks to ZooKeeper
            worker.execute(this::rejoin);
        }
    }

    private void rejoin() {
        for (String namespace : namespaces) {
            try {
                CamelClusterView view = cluster.getView(namespace);
                // the selector's cancelled task may still be ending (then a requeue is ignored): look again
                for (int attempt = 1; attempt <= 20 && running() && !participates(view); attempt++) {
                    LOG.info("Back into the ZooKeeper election for '{}' after the connection was lost (attempt {})",
                            namespace, attempt);
                    selector(view).requeue();
                    Thread.sleep(250);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warn("Could not put '{}' back into the ZooKeeper election: {}", namespace, e.toString());
            }
        }
    }

    private boolean running() {
        return cluster.getCamelContext() != null && cluster.getCamelContext().isStarted();
    }

    private static LeaderSelector selector(CamelClusterView view) throws ReflectiveOperationException {
        Field f = view.getClass().getDeclaredField("leaderSelector");
        f.setAccessible(true);
        return (LeaderSelector) f.get(view);
    }

    /** Whether this instance is among the view's participants (one ZooKeeper read). */
    private static boolean participates(CamelClusterView view) {
        return view.getMembers().stream().anyMatch(CamelClusterMember::isLocal);
    }
}
