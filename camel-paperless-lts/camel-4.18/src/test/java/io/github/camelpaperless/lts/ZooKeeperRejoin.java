package io.github.camelpaperless.lts;

import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
 * session, leaves the election for good: when the leader goes next, nobody takes over. On RECONNECTED (always after
 * such a cancel) this listener requeues the selector of each view.
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

    /**
     * Requeues each view's selector. Its cancelled task may still be ending (a leader stopping its routes), and then
     * a requeue is refused: it is tried again until it is taken, while the context runs. (Whether the instance still
     * "participates" cannot tell: after a lost session its old node may linger on the server until the session times
     * out there.)
     */
    private void rejoin() {
        for (String namespace : namespaces) {
            try {
                CamelClusterView view = cluster.getView(namespace);
                LeaderSelector selector = selector(view);
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
                boolean queued = false;
                while (running() && !(queued = selector.requeue()) && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                }
                if (queued) {
                    LOG.info("Back in the ZooKeeper election for '{}' after the connection was lost", namespace);
                } else if (running()) {
                    LOG.warn("Could not put '{}' back into the ZooKeeper election within 5 minutes", namespace);
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
}
