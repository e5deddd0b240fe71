package io.github.camelpaperless.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.github.camelpaperless.it.support.Await;
import io.github.camelpaperless.it.support.ChildJvms;
import io.github.camelpaperless.it.support.FaultTally;
import io.github.camelpaperless.it.support.RealServer;
import io.github.camelpaperless.it.support.RealServers;
import io.github.camelpaperless.it.support.SharedDropApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22, a shared drop on both real servers: three instances (separate JVMs) read one folder — camel-file's
 * idempotent read lock on a {@code JdbcOrphanLockAwareIdempotentRepository} and the upload ledger in one real
 * PostgreSQL ({@link SharedDropApp}) — and one of them is {@code kill -9}ed with a file in flight. Counted: every file
 * one document in Paperless (by checksum), every file moved to {@code .done}, none failed, one claim per file; the
 * killed instance's file taken over by another once its claim aged.
 */
class SharedDropIT {

    /** 15 in the suite (keeps CI short); {@code -Dpaperless.it.sharedDropFiles=200} for the full run. */
    private static final int FILES = Integer.getInteger("paperless.it.sharedDropFiles", 15);

    @Test
    void threeInstancesOneDropOneInstanceKilled() throws Exception {
        try (Connection c = ChildJvms.postgres().getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute(SharedDropApp.CLAIMS_TABLE);
        }
        RealServers.onEachAtOnce(s -> ChildJvms.explained(() -> threeInstancesOneDropOneInstanceKilled(s)));
    }

    private void threeInstancesOneDropOneInstanceKilled(RealServer s) throws Exception {
        FaultTally tally = new FaultTally("shared drop: 3 JVMs, idempotent read lock in PostgreSQL, one instance "
                                          + "kill -9ed with a file in flight", s);
        for (int i = 1; i <= FILES; i++) {
            tally.newTextFile(i);
        }
        Files.createDirectories(Path.of("target", "faults"));
        Path dir = Files.createTempDirectory(Path.of("target", "faults"), s.displayName() + "-shared-drop-");
        Path drop = Files.createDirectories(dir.resolve("drop"));
        Path out = Files.createFile(dir.resolve("lines.txt"));
        Map<String, Process> apps = new LinkedHashMap<>();
        try {
            for (String name : List.of("a", "b", "c")) {
                apps.put(name, ChildJvms.start(SharedDropApp.class, dir.resolve(name + ".log"),
                        Map.of("PAPERLESS_TOKEN", s.token()), s.url(), String.valueOf(ChildJvms.postgres().getPort()),
                        drop.toAbsolutePath().toString(), out.toAbsolutePath().toString(), name));
            }
            tally.writeAll(drop);
            // kill an instance with a file in flight (claimed, not done) once a few files went through
            String[] victim = Await.until(Duration.ofMinutes(3), "an instance with a file in flight after 3 done", () -> {
                List<String[]> lines = lines(out);
                if (lines.stream().filter(l -> l[0].equals("DONE")).count() < 3) {
                    return null;
                }
                for (String[] l : lines) {
                    if (l[0].equals("CLAIM") && lines.stream().noneMatch(d -> d[0].equals("DONE") && d[1].equals(l[1]))) {
                        return l;
                    }
                }
                return null;
            }, l -> l != null);
            ChildJvms.kill(apps.remove(victim[2]));
            long killedAt = System.currentTimeMillis();
            String inFlight = victim[1];

            Await.until(Duration.ofMinutes(5 + FILES / 10), "every file done", () -> done(out).keySet().containsAll(tally.fileNames()));
            tally.awaitSettled(Duration.ofMinutes(3), List.of());
            Map<String, List<String[]>> done = done(out);
            String[] takenOver = done.get(inFlight).get(0);
            List<String> failed = lines(out).stream().filter(l -> l[0].equals("FAILED")).map(l -> String.join(" ", l)).toList();
            List<String> left;
            try (Stream<Path> files = Files.list(drop)) {
                left = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                        .filter(n -> !n.startsWith(".")).toList();
            }
            long doneFiles;
            try (Stream<Path> files = Files.list(drop.resolve(".done"))) {
                doneFiles = files.count();
            }
            Map<String, Long> perInstance = new TreeMap<>();
            done.values().forEach(l -> perInstance.merge(l.get(0)[3], 1L, Long::sum));
            tally.note(victim[2] + " killed with " + inFlight + " in flight; taken over by " + takenOver[3] + " "
                       + (Long.parseLong(takenOver[4]) - killedAt) + " ms after the kill (claims age out after "
                       + SharedDropApp.CLAIM_MAX_AGE_MILLIS / 1000 + " s); files per instance " + perInstance + "; failed "
                       + failed.size() + "; left in the drop " + left.size());
            tally.assertNothingLostOrDoubled();
            assertThat(failed).as("exchanges that failed").isEmpty();
            assertThat(left).as("files left in the drop").isEmpty();
            assertThat(doneFiles).as("files moved to .done").isEqualTo(FILES);
            assertThat(done.values()).as("each file done once (the killed instance never wrote DONE for its file)")
                    .allMatch(l -> l.size() == 1);
            assertThat(takenOver[3]).as("the file in flight at the kill completed by another instance")
                    .isNotEqualTo(victim[2]);
            // claims are exclusive: one claim per file, two for the one in flight at the kill — the second only once the
            // dead instance's claim aged (its last keep-alive at most 3 s before the kill)
            Map<String, Long> claims = new TreeMap<>();
            lines(out).stream().filter(l -> l[0].equals("CLAIM")).forEach(l -> claims.merge(l[1], 1L, Long::sum));
            claims.forEach((file, n) -> assertThat(n).as("claims of " + file).isEqualTo(file.equals(inFlight) ? 2L : 1L));
            long reclaimed = lines(out).stream().filter(l -> l[0].equals("CLAIM") && l[1].equals(inFlight)
                                                             && !l[2].equals(victim[2])).mapToLong(l -> Long.parseLong(l[3]))
                    .findFirst().orElseThrow();
            assertThat(reclaimed - killedAt).as("the dead instance's claim taken over once it aged")
                    .isGreaterThan(SharedDropApp.CLAIM_MAX_AGE_MILLIS - 3_000);
            // the documents the instances saw are the ones Paperless holds, one per file
            Map<String, List<Integer>> documents = tally.countDocuments();
            done.forEach((file, l) -> assertThat(documents.get(file)).as(file).containsExactly(Integer.parseInt(l.get(0)[2])));
        } finally {
            apps.values().forEach(ChildJvms::kill);
        }
    }

    private static List<String[]> lines(Path out) {
        try {
            List<String[]> list = new ArrayList<>();
            for (String l : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                if (!l.isBlank()) {
                    list.add(l.split(" "));
                }
            }
            return list;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** DONE lines per file name: {DONE, file, document id, instance, millis}. */
    private static Map<String, List<String[]>> done(Path out) {
        Map<String, List<String[]>> m = new TreeMap<>();
        lines(out).stream().filter(l -> l[0].equals("DONE")).forEach(l -> m.computeIfAbsent(l[1], k -> new ArrayList<>()).add(l));
        return m;
    }
}
