package io.github.camelpaperless.lts;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.camelpaperless.consumer.JdbcStateRepository;
import io.github.camelpaperless.support.Wait;
import org.apache.camel.component.zookeeper.ZooKeeperCuratorConfiguration;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.TestingCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The single-active recipe on ZooKeeper (Camel's {@link ZooKeeperClusterService}, which resolves at 4.18 only), on a
 * real three-node ensemble (curator-test): three instances share one position in a fenced {@link JdbcStateRepository}.
 * One ensemble node is killed and the leader's session expires while it has an exchange in flight (a partition from
 * ZooKeeper, CAMEL-24457): another instance is elected and takes the position over; the old leader's exchange
 * completes but its commit and its after-success action are refused. Counted: every document emitted, duplicates only
 * for the exchange in flight and marked {@code CamelPaperlessRedelivered=true}.
 */
class ZooKeeperFailoverTest extends ClusterRecipeSupport {

    TestingCluster ensemble;
    final Map<String, CuratorFramework> sessions = new ConcurrentHashMap<>();
    final Map<String, ZooKeeperClusterService> clusters = new ConcurrentHashMap<>();
    final Map<String, ZooKeeperRejoin> rejoins = new ConcurrentHashMap<>();
    /** The H2 database of the shared position (in memory, kept while the JVM runs): one per test. */
    String database = "zookeeper-failover";

    @AfterEach
    void stopEnsemble() throws Exception {
        stopInstances();
        for (CuratorFramework f : sessions.values()) {
            f.close();
        }
        if (ensemble != null) {
            ensemble.close();
        }
    }

    private void instance(String name) throws Exception {
        // the recipe's settings and its ZooKeeperRejoin; the session is the test's so it can expire it
        CuratorFramework session = CuratorFrameworkFactory.builder().connectString(ensemble.getConnectString())
                .sessionTimeoutMs(4000).connectionTimeoutMs(2000).retryPolicy(new ExponentialBackoffRetry(200, 10))
                .build();
        session.start();
        sessions.put(name, session);
        // (the no-argument constructor leaves its configuration null until start: its setters would fail)
        ZooKeeperClusterService cluster = new ZooKeeperClusterService(new ZooKeeperCuratorConfiguration());
        cluster.setId(name);
        cluster.setBasePath("/camel/cluster");
        cluster.setCuratorFramework(session);
        clusters.put(name, cluster);
        ZooKeeperRejoin rejoin = new ZooKeeperRejoin(cluster, "paperless-export");
        session.getConnectionStateListenable().addListener(rejoin);
        rejoins.put(name, rejoin);
        instance(name, cluster, database);
    }

    /** Documents 1..6, a three-node ensemble, three instances; returns the leader once it holds document 3 in flight. */
    private String threeInstancesTheLeaderAtDocument3() throws Exception {
        paperlessWith(6);
        ensemble = new TestingCluster(3);
        ensemble.start();
        for (String name : List.of("alpha", "beta", "gamma")) {
            instance(name);
        }
        assertThat(inFlight.await(30, TimeUnit.SECONDS)).as("the leader reaching document 3").isTrue();
        return holder();
    }

    @Test
    void aLeaderWhoseSessionExpiredIsReplacedAndCannotCommitOverTheNewOne() throws Exception {
        String leader = threeInstancesTheLeaderAtDocument3();
        assertThat(seen).as("only the leader emits").allMatch(s -> s.startsWith(leader + ":"));

        // one ensemble node dies, and the leader's session expires (partitioned from ZooKeeper) with document 3 in flight;
        // its exchange is held, as a frozen process' would be, and like a frozen one it does not rejoin the election
        // meanwhile (else ZooKeeper may rightly elect it again, when both others were connected to the node that died)
        sessions.get(leader).getConnectionStateListenable().removeListener(rejoins.get(leader));
        ensemble.killServer(ensemble.getInstances().iterator().next());
        long expired = System.nanoTime();
        sessions.get(leader).getZookeeperClient().getZooKeeper().getTestable().injectSessionExpiration();

        // another instance is elected, takes the position over and emits document 3 again, marked, then the rest
        add(7);
        Takeover t = awaitTakeoverThenReleaseTheOldLeader(leader, expired);
        String next = t.next();
        JdbcStateRepository positions = positions(next);
        String stored = t.stored();
        add(8);
        Wait.until(Duration.ofSeconds(10), () -> emitted(next, 8), next + " emitting document 8");
        Wait.until(Duration.ofSeconds(5), () -> String.valueOf(positions.getState("export")).contains("\"watermark\":\"2026-11-20T10:08"),
                "the new leader's commit of document 8 (the old one moved nothing back meanwhile)");
        assertThat(positions.getState("export")).isNotEqualTo(stored);

        assertThat(wrongCounts(8, 3)).as("emissions " + seen).isEmpty();
        assertThat(marked(3)).isEqualTo(1);
        assertThat(of(leader)).as("the old leader emitted nothing after the expiry").hasSize(3);
        // document 3 tagged once: by the new leader, not by the fenced one
        wm.verify(1, postRequestedFor(urlPathEqualTo("/api/documents/bulk_edit/"))
                .withRequestBody(matchingJsonPath("$.documents[0]", equalTo("3"))));
        System.out.printf("ZooKeeper: %s's session expired, %s emitting %.1f s later; emissions %s%n", leader, next,
                t.seconds(), seen);
    }

    /**
     * Camel's ZooKeeper view leaves the election for good once its connection was lost (Curator's LeaderSelector
     * without auto-requeue): here both other instances' sessions expire while the leader works; the one with the
     * recipe's {@link ZooKeeperRejoin} is back among the candidates, the one without it (removed) is not — and when
     * the leader's session expires next, the one that rejoined takes over (without it, nobody would).
     */
    @Test
    void anInstanceWhoseSessionExpiredRejoinsTheElectionWithTheRecipesListener() throws Exception {
        database = "zookeeper-rejoin";
        String leader = threeInstancesTheLeaderAtDocument3();
        List<String> others = List.of("alpha", "beta", "gamma").stream().filter(n -> !n.equals(leader)).toList();
        String back = others.get(0);
        String without = others.get(1);
        sessions.get(without).getConnectionStateListenable().removeListener(rejoins.get(without));
        Wait.until(Duration.ofSeconds(10), () -> candidates(leader).size() == 3, "three candidates");

        expireOnTheServer(back);
        expireOnTheServer(without);
        Wait.until(Duration.ofSeconds(20), () -> candidates(leader).equals(List.of(leader, back)),
                back + " back among the candidates (" + without + " left for good)");

        long expired = System.nanoTime();
        sessions.get(leader).getZookeeperClient().getZooKeeper().getTestable().injectSessionExpiration();
        add(7);
        Takeover t = awaitTakeoverThenReleaseTheOldLeader(leader, expired);
        assertThat(t.next()).isEqualTo(back);
        assertThat(wrongCounts(7, 3)).as("emissions " + seen).isEmpty();
        assertThat(of(without)).as(without + ", out of the election, emitted nothing").isEmpty();
    }

    /**
     * Ends an instance's session on the ensemble (its ephemeral nodes go at once), as a session timing out there does:
     * a second handle on the same session closes it. (The client-side injection leaves the nodes until the server's
     * own timeout.)
     */
    private void expireOnTheServer(String name) throws Exception {
        org.apache.zookeeper.ZooKeeper zk = sessions.get(name).getZookeeperClient().getZooKeeper();
        java.util.concurrent.CountDownLatch connected = new java.util.concurrent.CountDownLatch(1);
        org.apache.zookeeper.ZooKeeper twin = new org.apache.zookeeper.ZooKeeper(ensemble.getConnectString(), 4000, e -> {
            if (e.getState() == org.apache.zookeeper.Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        }, zk.getSessionId(), zk.getSessionPasswd());
        assertThat(connected.await(10, TimeUnit.SECONDS)).as("a second handle on " + name + "'s session").isTrue();
        twin.close();
    }

    /** The election's participants, leader first, as the leader's view reads them from ZooKeeper. */
    private List<String> candidates(String leader) {
        try {
            return clusters.get(leader).getView("paperless-export").getMembers().stream()
                    .map(org.apache.camel.cluster.CamelClusterMember::getId).toList();
        } catch (Exception e) {
            return List.of();
        }
    }
}
