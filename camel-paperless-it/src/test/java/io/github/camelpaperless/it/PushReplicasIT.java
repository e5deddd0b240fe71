package io.github.camelpaperless.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import io.github.camelpaperless.client.Query;
import io.github.camelpaperless.client.UploadRequest;
import io.github.camelpaperless.client.UploadSource;
import io.github.camelpaperless.consumer.ConsumerPosition;
import io.github.camelpaperless.consumer.JdbcStateRepository;
import io.github.camelpaperless.it.support.Await;
import io.github.camelpaperless.it.support.ChildJvms;
import io.github.camelpaperless.it.support.FaultTally;
import io.github.camelpaperless.it.support.PushReplicaApp;
import io.github.camelpaperless.it.support.RealServer;
import io.github.camelpaperless.it.support.RealServers;
import io.github.camelpaperless.it.support.RoundRobinProxy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22, push behind replicas, on both real servers: three replicas of one application (separate JVMs, each its own
 * HTTP server) behind one URL — a round-robin proxy — sharing one workflow, one secret and one position in PostgreSQL.
 * 30 documents are added while one replica is {@code kill -9}ed with an exchange in flight, started again without
 * {@code webhookSecret} (it must refuse to start, not break the others) and then with it. Counted: every document
 * emitted, once — twice only for the exchange in flight at the kill, the second marked; no call answered 401; then the
 * replicas stopped one by one: the workflow stays until the last one stops.
 */
class PushReplicasIT {

    private static final int DOCUMENTS = 30;
    private static final long WORK_MILLIS = 1500;
    private static final long CATCH_UP_MILLIS = 5000;

    /** One emission line of a {@link PushReplicaApp}. */
    record Emission(int id, boolean redelivered, String source, String instance, long at) {
    }

    @Test
    void threeReplicasBehindOneUrlOneKilledAndOneRestartedWithoutTheSecret() throws Exception {
        RealServers.onEachAtOnce(s -> ChildJvms.explained(() -> threeReplicas(s)));
    }

    private void threeReplicas(RealServer s) throws Exception {
        FaultTally tally = new FaultTally("push: 3 replicas (JVMs) behind a round-robin proxy, one kill -9ed mid-exchange "
                                          + "and restarted (first without webhookSecret), PostgreSQL position", s);
        int tag = s.create("tags", "push-replicas").path("id").asInt();
        String workflow = s.unique("wf-replicas");
        s.cleanup(() -> workflows(s, workflow).forEach(w -> s.send("DELETE", "workflows/" + w.path("id").asInt(), null)));
        String secret = "replicas-" + Long.toHexString(System.nanoTime());
        Files.createDirectories(Path.of("target", "faults"));
        Path dir = Files.createTempDirectory(Path.of("target", "faults"), s.displayName() + "-push-replicas-");
        Path out = Files.createFile(dir.resolve("emitted.txt"));
        replicas(s, tally, tag, workflow, secret, out);
    }

    private void replicas(RealServer s, FaultTally tally, int tag, String workflow, String secret, Path out)
            throws Exception {
        String prefix = tally.prefix();
        List<Integer> ports = List.of(port(), port(), port());
        Map<String, Process> apps = new TreeMap<>();
        ExecutorService uploader = Executors.newSingleThreadExecutor();
        try (RoundRobinProxy proxy = new RoundRobinProxy(ports)) {
            String[] common = { proxy.url(), prefix, workflow, String.valueOf(tag) };
            for (int i = 1; i <= 3; i++) {
                apps.put("r" + i, start(s, out, "r" + i, ports.get(i - 1), common, secret));
            }
            Await.until(Duration.ofMinutes(2), "three replicas started", () -> started(out, "STARTED ", 3, 0));

            List<Integer> ids = new CopyOnWriteArrayList<>();
            Future<?> uploads = uploader.submit(() -> {
                for (int i = 1; i <= DOCUMENTS; i++) {
                    String name = tally.newTextFile(i);
                    ids.add(s.upload(new UploadRequest(UploadSource.of(tally.content(name))).fileName(name)
                            .title(prefix + "-" + i).tags(List.of(tag))));
                }
                return null;
            });
            // kill r2 right after it started an exchange (its route works 1.5 s on each)
            Await.until(Duration.ofMinutes(3), "6 documents added", () -> ids.size() >= 6 || uploads.isDone());
            long seen = byInstance(out, "r2");
            Await.until(Duration.ofMinutes(2), "r2 starting an exchange", () -> byInstance(out, "r2") > seen);
            ChildJvms.kill(apps.get("r2"));
            Emission inFlight = emissions(out).stream().filter(e -> e.instance().equals("r2")).reduce((a, b) -> b).orElseThrow();
            long killedAt = System.currentTimeMillis();

            // started again without webhookSecret: its derived secret is not the workflow's — it must not start
            Await.until(Duration.ofMinutes(3), "14 documents added", () -> ids.size() >= 14 || uploads.isDone());
            Process noSecret = start(s, out, "r2", ports.get(1), common, "-");
            assertThat(noSecret.waitFor()).as("exit code of the replica started without webhookSecret").isEqualTo(3);
            String refused = lines(out).stream().filter(l -> l.startsWith("START-FAILED r2 ")).findFirst().orElseThrow();
            assertThat(refused).contains("Set the same webhookSecret on every replica");
            // its stop after the refused start (deleteWorkflowOnStop=true) left the workflow the others serve
            assertThat(workflows(s, workflow)).as("the workflow after the refused start").hasSize(1);

            Await.until(Duration.ofMinutes(3), "20 documents added", () -> ids.size() >= 20 || uploads.isDone());
            apps.put("r2", start(s, out, "r2", ports.get(1), common, secret));
            Await.until(Duration.ofMinutes(2), "r2 started again", () -> started(out, "STARTED r2", 2, 1));
            uploads.get();

            Await.until(Duration.ofMinutes(3), "every document emitted", () -> byId(out).keySet().containsAll(ids));
            // settled: no document in flight or claimed any more in the shared position (what a late emission needs)
            JdbcStateRepository positions = new JdbcStateRepository(ChildJvms.postgres().getPostgresDatabase());
            positions.start();
            Await.until(Duration.ofMinutes(1), "every exchange landed", () -> {
                ConsumerPosition p = ConsumerPosition.decode(positions.getState(prefix));
                return ids.stream().noneMatch(id -> p.isInFlight(id) || p.claimOwner(id) != null);
            });

            Map<Integer, List<Emission>> byId = byId(out);
            List<Integer> twice = byId.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).toList();
            Map<String, Long> bySource = emissions(out).stream().collect(Collectors.groupingBy(Emission::source,
                    TreeMap::new, Collectors.counting()));
            Map<String, Long> perReplica = emissions(out).stream().collect(Collectors.groupingBy(Emission::instance,
                    TreeMap::new, Collectors.counting()));
            Emission again = byId.get(inFlight.id()).stream().filter(e -> e != byId.get(inFlight.id()).get(0)).findFirst()
                    .orElse(null);
            tally.note(emissions(out).size() + " emissions for " + ids.size() + " documents (" + bySource + ", per replica "
                       + perReplica + "); twice: " + twice + " (in flight on r2 at its kill: " + inFlight.id()
                       + (again == null ? "" : ", emitted again by " + again.instance() + " via " + again.source() + " "
                                               + (again.at() - killedAt) + " ms after the kill, marked " + again.redelivered())
                       + "); proxy answers " + proxy.answered());
            tally.assertNothingLostOrDoubled();
            assertThat(byId.keySet()).as("every document emitted").containsAll(ids);
            assertThat(twice).as("a second emission only for the exchange in flight at the kill").isSubsetOf(inFlight.id());
            for (Integer id : twice) {
                assertThat(byId.get(id)).hasSize(2);
                assertThat(byId.get(id).get(0).instance()).isEqualTo("r2");
                assertThat(byId.get(id).get(1).redelivered()).as("the second emission of " + id + " is marked").isTrue();
            }
            byId.forEach((id, es) -> assertThat(es.get(0).redelivered()).as("first emission of " + id).isFalse());
            assertThat(proxy.answered().keySet()).as("no call refused: the replica without the secret broke nobody")
                    .noneMatch(k -> k.endsWith(" 401"));
            // how many arrive by push depends on the server's worker (webhooks queue behind consumptions) against the
            // 5 s catch-up: counted in the note, not judged
            assertThat(bySource.getOrDefault("push", 0L)).as("documents arriving by push").isPositive();

            // stopped one by one: the workflow stays while a replica serves it; the last one deletes it
            for (String name : List.of("r1", "r3")) {
                stop(apps.remove(name), out, name);
                assertThat(workflows(s, workflow)).as("after " + name + " stopped").hasSize(1);
            }
            stop(apps.remove("r2"), out, "r2");
            assertThat(workflows(s, workflow)).as("after the last replica stopped").isEmpty();
        } finally {
            uploader.shutdownNow();
            apps.values().forEach(ChildJvms::kill);
        }
    }

    // ---- harness

    private static int port() {
        return org.apache.camel.test.AvailablePortFinder.getNextAvailable();
    }

    private static Process start(RealServer s, Path out, String name, int port, String[] common, String secret)
            throws Exception {
        return ChildJvms.start(PushReplicaApp.class, out.resolveSibling(name + ".log"), Map.of("PAPERLESS_TOKEN", s.token()),
                s.url(), String.valueOf(ChildJvms.postgres().getPort()), out.toString(), name, String.valueOf(port),
                common[0], common[1], common[2], common[3], String.valueOf(CATCH_UP_MILLIS), String.valueOf(WORK_MILLIS),
                secret);
    }

    /** SIGTERM: the replica stops its context (shutdown hook), and says so. */
    private static void stop(Process p, Path out, String name) throws Exception {
        long before = count(out, "STOPPED " + name);
        p.destroy();
        p.waitFor();
        assertThat(count(out, "STOPPED " + name)).as(name + " stopped cleanly").isEqualTo(before + 1);
    }

    private static List<com.fasterxml.jackson.databind.JsonNode> workflows(RealServer s, String baseName) {
        com.fasterxml.jackson.databind.JsonNode page = s.get("workflows/", Query.create().set("page_size", 100000));
        return StreamSupport.stream(page.path("results").spliterator(), false)
                .filter(w -> w.path("name").asText().equals(baseName + " (added)")).collect(Collectors.toList());
    }

    private static List<String> lines(Path out) {
        try {
            return Files.readAllLines(out, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Whether {@code n} lines start with {@code prefix}; fails at once when more replicas than {@code refusals} could not
     * start (rather than waiting for a start that will not come).
     */
    private static boolean started(Path out, String prefix, long n, long refusals) {
        List<String> failed = lines(out).stream().filter(l -> l.startsWith("START-FAILED ")).toList();
        if (failed.size() > refusals) {
            throw new AssertionError("a replica could not start: " + failed);
        }
        return count(out, prefix) == n;
    }

    private static long count(Path out, String prefix) {
        return lines(out).stream().filter(l -> l.startsWith(prefix)).count();
    }

    private static List<Emission> emissions(Path out) {
        List<Emission> list = new ArrayList<>();
        for (String l : lines(out)) {
            String[] p = l.split(" ");
            if (p.length == 5 && p[0].matches("\\d+")) {
                list.add(new Emission(Integer.parseInt(p[0]), Boolean.parseBoolean(p[1]), p[2], p[3], Long.parseLong(p[4])));
            }
        }
        return list;
    }

    private static long byInstance(Path out, String instance) {
        return emissions(out).stream().filter(e -> e.instance().equals(instance)).count();
    }

    private static Map<Integer, List<Emission>> byId(Path out) {
        Map<Integer, List<Emission>> m = new TreeMap<>();
        emissions(out).forEach(e -> m.computeIfAbsent(e.id(), k -> new ArrayList<>()).add(e));
        return m;
    }
}
