package io.github.camelpaperless.it;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.camelpaperless.consumer.FencedStateRepository;
import io.github.camelpaperless.it.ClusterFailoverIT.Emission;
import io.github.camelpaperless.it.support.Await;
import io.github.camelpaperless.it.support.ChildJvms;
import io.github.camelpaperless.it.support.FaultTally;
import io.github.camelpaperless.it.support.RealServer;
import io.github.camelpaperless.it.support.RealServers;
import org.junit.jupiter.api.Test;

import static io.github.camelpaperless.it.ClusterFailoverIT.byId;
import static io.github.camelpaperless.it.ClusterFailoverIT.dir;
import static io.github.camelpaperless.it.ClusterFailoverIT.emissions;
import static io.github.camelpaperless.it.ClusterFailoverIT.lines;
import static io.github.camelpaperless.it.ClusterFailoverIT.repository;
import static io.github.camelpaperless.it.ClusterFailoverIT.upload;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22, the lease-based recipes on both real servers: Camel's ZooKeeper and Kubernetes cluster services resolve at
 * Camel 4.18 only, so the instances ({@code ClusterServiceApp}) and what they talk to ({@code ClusterInfraApp}: a real
 * three-node ZooKeeper ensemble, fabric8's mock Kubernetes API server) run as separate JVMs on the class path of
 * {@code camel-paperless-lts/camel-4.18} (the component as built), their position in the PostgreSQL this suite starts.
 * <ol>
 * <li>ZooKeeper: one ensemble node killed and the leader frozen ({@code SIGSTOP}) past its session timeout with an
 * exchange in flight; another instance is elected; the old one resumed: fenced.</li>
 * <li>Kubernetes Lease: the leader frozen and its pod NotReady (a readiness probe failing) with an exchange in flight;
 * another pod takes the lease; the old one resumed: fenced; then its pod Ready again and the other pods gone: it
 * regains the lease and continues from the position the other left.</li>
 * </ol>
 * Counted: documents in Paperless, every document emitted, twice only for the exchange in flight (the second marked),
 * takeover time, what the stale leader could still write.
 */
class ClusterServicesIT {

    private static final long WORK_MILLIS = 700;
    private static final String APP = "io.github.camelpaperless.lts.ClusterServiceApp";
    private static final String INFRA = "io.github.camelpaperless.lts.ClusterInfraApp";

    @Test
    void zooKeeperLeaderFrozenPastItsSessionWithANodeKilled() throws Exception {
        RealServers.onEachAtOnce(s -> ChildJvms.explained(() -> zooKeeper(s)));
    }

    @Test
    void kubernetesLeaderNotReadyLosesTheLeaseThenRegainsIt() throws Exception {
        RealServers.onEachAtOnce(s -> ChildJvms.explained(() -> kubernetes(s)));
    }

    private void zooKeeper(RealServer s) throws Exception {
        FaultTally tally = new FaultTally("cluster: ZooKeeper (Camel 4.18, 3 JVMs, 3-node ensemble, PostgreSQL position): "
                                          + "a node killed and the leader frozen past its session, then resumed", s);
        String prefix = tally.prefix();
        int tag = s.create("tags", "cluster-zk").path("id").asInt();
        List<Integer> ids = new CopyOnWriteArrayList<>(upload(s, tally, prefix, 1, 8));
        Path dir = dir(s, "zookeeper");
        Path out = Files.createFile(dir.resolve("emitted.txt"));
        Map<String, Process> apps = new TreeMap<>();
        try (Infra zk = new Infra(dir.resolve("zookeeper.log"), "zookeeper")) {
            for (String name : List.of("a", "b", "c")) {
                apps.put(name, app(s, "zookeeper:" + zk.address, out, prefix, tag, name));
            }
            String leader = awaitFreshExchange(out);
            // one ensemble node dies as the leader freezes past its session timeout
            Failover f = freezeTakeOverResume(s, tally, out, apps, ids, tag, leader, () -> zk.command("kill-node"));
            ids.addAll(upload(s, tally, prefix, 11, 11));
            Await.until(Duration.ofMinutes(2), "the document added after the resume emitted",
                    () -> byId(out).containsKey(ids.get(ids.size() - 1)));
            awaitTagged(s, ids, tag);

            assertFailover(tally, out, ids, leader, f);
        } finally {
            apps.values().forEach(p -> {
                ChildJvms.signal(p, "CONT");
                ChildJvms.kill(p);
            });
        }
    }

    private void kubernetes(RealServer s) throws Exception {
        FaultTally tally = new FaultTally("cluster: Kubernetes Lease (Camel 4.18, 3 JVMs, mock API server, PostgreSQL "
                                          + "position): the leader frozen and its pod NotReady, resumed, then the lease "
                                          + "regained", s);
        String prefix = tally.prefix();
        int tag = s.create("tags", "cluster-k8s").path("id").asInt();
        List<Integer> ids = new CopyOnWriteArrayList<>(upload(s, tally, prefix, 1, 8));
        Path dir = dir(s, "kubernetes");
        Path out = Files.createFile(dir.resolve("emitted.txt"));
        Map<String, Process> apps = new TreeMap<>();
        List<String> pods = List.of("alpha", "beta", "gamma");
        try (Infra api = new Infra(dir.resolve("kubernetes.log"), "kubernetes", String.join(",", pods))) {
            for (String name : pods) {
                apps.put(name, app(s, "kubernetes:" + api.address, out, prefix, tag, name));
            }
            String leader = awaitFreshExchange(out);
            // frozen (a long GC pause, a stuck node): its readiness probe fails, the pod turns NotReady
            Failover f = freezeTakeOverResume(s, tally, out, apps, ids, tag, leader, () -> api.command("notready " + leader));
            assertFailover(tally, out, ids, leader, f);
            Emission first = f.first();

            // regained: its pod Ready again, the other pods gone (scaled down)
            api.command("ready " + leader);
            for (String gone : pods) {
                if (!gone.equals(leader)) {
                    ChildJvms.kill(apps.remove(gone));
                    api.command("delete " + gone);
                }
            }
            long regainFrom = System.currentTimeMillis();
            ids.addAll(upload(s, tally, prefix, 11, 11));
            int last = ids.get(ids.size() - 1);
            Emission regained = Await.until(Duration.ofMinutes(2), leader + " regaining the lease and emitting " + last,
                    () -> emissions(out).stream().filter(e -> e.id() == last).findFirst().orElse(null), Objects::nonNull);
            awaitTagged(s, ids, tag);
            FencedStateRepository.Holder holder = repository().holder(prefix);
            tally.note("lease regained by " + regained.instance() + " " + (regained.at() - regainFrom)
                       + " ms after the other pods went; position held by " + holder.owner() + " (epoch " + holder.epoch() + ")");
            assertThat(regained.instance()).isEqualTo(leader);
            assertThat(regained.redelivered()).isFalse();
            assertThat(regained.epoch()).as("taken over again, with a higher epoch").isGreaterThan(first.epoch());
            assertThat(holder.owner()).startsWith(leader + "/export");
            assertThat(byId(out).get(last)).as("emitted once").hasSize(1);
            tally.assertNothingLostOrDoubled();
        } finally {
            apps.values().forEach(p -> {
                ChildJvms.signal(p, "CONT");
                ChildJvms.kill(p);
            });
        }
    }

    /** What a failover showed: the new leader's first emission, when the old one froze and when it resumed. */
    record Failover(Emission first, long frozenAt, long resumedAt) {
    }

    @FunctionalInterface
    interface Fault {
        void inject() throws Exception;
    }

    /**
     * Freezes the leader ({@code SIGSTOP}) with the fault that goes with it, waits for another instance to take over and
     * emit, adds two documents and waits until they are tagged, then resumes the old leader and waits until it reports
     * it was fenced.
     */
    private static Failover freezeTakeOverResume(RealServer s, FaultTally tally, Path out, Map<String, Process> apps,
                                                 List<Integer> ids, int tag, String leader, Fault with) throws Exception {
        ChildJvms.signal(apps.get(leader), "STOP");
        long frozenAt = System.currentTimeMillis();
        with.inject();
        Emission first = Await.until(Duration.ofMinutes(1), "another instance taking over and emitting",
                () -> emissions(out).stream().filter(e -> !e.instance().equals(leader) && e.at() > frozenAt)
                        .findFirst().orElse(null), Objects::nonNull);
        ids.addAll(upload(s, tally, tally.prefix(), 9, 10));
        awaitTagged(s, ids, tag);
        long resumedAt = System.currentTimeMillis();
        ChildJvms.signal(apps.get(leader), "CONT");
        Await.until(Duration.ofMinutes(1), leader + " reporting it was fenced",
                () -> lines(out).stream().anyMatch(l -> l.startsWith("FENCED " + leader + " ")));
        return new Failover(first, frozenAt, resumedAt);
    }

    /**
     * Every document emitted; twice only the leader's exchange in flight when it froze, the second emission marked;
     * nothing emitted by the old leader after it resumed; the position held by the new leader with a higher epoch; the
     * frozen leader replaced within 15 s.
     */
    private static void assertFailover(FaultTally tally, Path out, List<Integer> ids, String leader, Failover f)
            throws Exception {
        Emission first = f.first();
        long frozenAt = f.frozenAt();
        long resumedAt = f.resumedAt();
        Map<Integer, List<Emission>> byId = byId(out);
        List<Integer> twice = byId.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).toList();
        List<Emission> afterResume = emissions(out).stream()
                .filter(e -> e.instance().equals(leader) && e.at() > resumedAt).toList();
        String fenced = lines(out).stream().filter(l -> l.startsWith("FENCED " + leader + " ")).findFirst().orElseThrow();
        FencedStateRepository.Holder holder = repository().holder(tally.prefix());
        long leaderEpoch = emissions(out).stream().filter(e -> e.instance().equals(leader)).findFirst().orElseThrow().epoch();
        tally.note(leader + " frozen, " + first.instance() + " emitting " + (first.at() - frozenAt) + " ms later; "
                   + emissions(out).size() + " emissions for " + ids.size() + " documents; twice: " + twice
                   + "; the old leader emitted after resuming: " + afterResume.size() + "; position held by "
                   + holder.owner() + " (epoch " + holder.epoch() + "); " + fenced.substring(fenced.indexOf(' ', 9) + 1));
        tally.assertNothingLostOrDoubled();
        assertThat(byId.keySet()).as("every document emitted").containsAll(ids);
        assertThat(afterResume).as("the resumed leader emits nothing").isEmpty();
        assertThat(twice).as("twice only for the exchange in flight when the leader froze").hasSizeLessThanOrEqualTo(1);
        for (Integer id : twice) {
            assertThat(byId.get(id)).hasSize(2);
            assertThat(byId.get(id).get(0).instance()).isEqualTo(leader);
            assertThat(byId.get(id).get(1).redelivered()).as("the second emission of " + id + " is marked").isTrue();
        }
        byId.forEach((id, es) -> assertThat(es.get(0).redelivered()).as("first emission of " + id).isFalse());
        assertThat(holder.epoch()).as("the new leader holds the position with a higher epoch").isGreaterThan(leaderEpoch);
        assertThat(holder.owner()).startsWith(first.instance() + "/export");
        assertThat(fenced).contains("taken over by " + first.instance() + "/export");
        assertThat(first.at() - frozenAt).as("a frozen leader replaced within 15 s").isLessThan(15_000);
    }

    /** Waits until the leader (the instance that emits) starts an exchange, and returns its name at once. */
    private static String awaitFreshExchange(Path out) throws InterruptedException {
        Await.until(Duration.ofMinutes(2), "2 emissions by the leader", () -> emissions(out).size() >= 2);
        int seen = emissions(out).size();
        // right after it started one: frozen in the route's work, not inside a database transaction
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (emissions(out).size() == seen) {
            assertThat(System.nanoTime()).as("the leader starting another exchange within a minute").isLessThan(deadline);
            Thread.sleep(10);
        }
        List<Emission> all = emissions(out);
        return all.get(all.size() - 1).instance();
    }

    private static void awaitTagged(RealServer s, List<Integer> ids, int tag) {
        Await.until(Duration.ofMinutes(3), "every document tagged by the leader",
                () -> ids.stream().allMatch(id -> s.get("documents/" + id).path("tags").toString().contains(String.valueOf(tag))));
    }

    private static Process app(RealServer s, String service, Path out, String prefix, int tag, String name) throws Exception {
        return ChildJvms.start(APP, ltsClasspath(), out.resolveSibling(name + ".log"), Map.of("PAPERLESS_TOKEN", s.token()),
                service, s.url(), String.valueOf(ChildJvms.postgres().getPort()), out.toString(), prefix, String.valueOf(tag),
                String.valueOf(WORK_MILLIS), name);
    }

    /**
     * The class path of the 4.18 line's module: its test classes (the apps) and its test dependencies (Camel 4.18 with
     * camel-zookeeper and camel-kubernetes, the component as built), written by its build.
     */
    static String ltsClasspath() throws IOException {
        Path target = Path.of("..", "camel-paperless-lts", "camel-4.18", "target").toAbsolutePath().normalize();
        Path file = target.resolve("cluster-apps.classpath");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("No " + file + ": build camel-paperless-lts/camel-4.18 first (mvn verify from "
                                            + "the root builds it before this module) — the ZooKeeper and Kubernetes "
                                            + "cluster services resolve at Camel 4.18 only");
        }
        return target.resolve("test-classes") + File.pathSeparator + Files.readString(file).trim();
    }

    /** The ZooKeeper ensemble or Kubernetes API server JVM: the address it printed, and its commands. */
    private static final class Infra implements AutoCloseable {
        final Process process;
        final Path log;
        final String address;

        Infra(Path log, String... args) throws Exception {
            this.log = log;
            this.process = ChildJvms.start(INFRA, ltsClasspath(), log, Map.of(), args);
            this.address = Await.until(Duration.ofMinutes(2), "the " + args[0] + " JVM ready", () -> line("READY "),
                    Objects::nonNull).substring("READY ".length()).trim();
        }

        private String line(String prefix) {
            try {
                return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith(prefix))
                        .findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        }

        void command(String command) throws IOException {
            OutputStream in = process.getOutputStream();
            in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
            Await.until(Duration.ofSeconds(30), "'" + command + "' done", () -> line("DONE " + command) != null);
        }

        @Override
        public void close() {
            ChildJvms.kill(process);
        }
    }
}
