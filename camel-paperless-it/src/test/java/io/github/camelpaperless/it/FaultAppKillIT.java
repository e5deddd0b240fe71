package io.github.camelpaperless.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelpaperless.client.UploadRequest;
import io.github.camelpaperless.client.UploadSource;
import io.github.camelpaperless.it.support.Await;
import io.github.camelpaperless.it.support.ConsumerApp;
import io.github.camelpaperless.it.support.FaultTally;
import io.github.camelpaperless.it.support.RealServer;
import io.github.camelpaperless.it.support.RealServers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20, scenario 5 on both real servers: the application itself killed ({@code kill -9} of a child JVM running a
 * documents consumer with an after-success action and a persistent state repository), then started again. Every
 * document is emitted at least once; a second emission only for the exchange in flight at the kill, and that one is
 * marked (header CamelPaperlessRedelivered). Measured in mode=added and mode=modified.
 */
class FaultAppKillIT {

    private static final int DOCUMENTS = 10;

    @Test
    void applicationKilledInAddedMode() throws Exception {
        RealServers.onEachAtOnce(this::applicationKilledInAddedMode);
    }

    private void applicationKilledInAddedMode(RealServer s) throws Exception {
        killAndRestart(s, "added");
    }

    @Test
    void applicationKilledInModifiedMode() throws Exception {
        RealServers.onEachAtOnce(this::applicationKilledInModifiedMode);
    }

    private void applicationKilledInModifiedMode(RealServer s) throws Exception {
        killAndRestart(s, "modified");
    }

    private void killAndRestart(RealServer s, String mode) throws Exception {
        FaultTally tally = new FaultTally("5 application killed (mode=" + mode + ", kill -9 mid-batch)", s);
        String prefix = tally.prefix() + "-" + mode;
        List<Integer> ids = new ArrayList<>();
        for (int i = 1; i <= DOCUMENTS; i++) {
            String name = tally.newTextFile(i);
            ids.add(s.upload(new UploadRequest(UploadSource.of(tally.content(name))).fileName(name).title(prefix + "-" + i)));
        }
        JsonNode tag = s.create("tags", "app-kill-" + mode);
        int tagId = tag.path("id").asInt();
        Files.createDirectories(Path.of("target", "faults"));
        Path dir = Files.createTempDirectory(Path.of("target", "faults"), s.displayName() + "-appkill-");
        Path state = dir.resolve("state.properties");
        Path out = dir.resolve("emitted.txt");
        Files.createFile(out);

        Process first = start(s, state, out, mode, prefix, tagId);
        Await.until(Duration.ofMinutes(2), "4 documents emitted by the first application", () -> lines(out).size() >= 4);
        first.destroyForcibly().waitFor(); // kill -9
        int atKill = lines(out).size();
        Process second = start(s, state, out, mode, prefix, tagId);
        try {
            // the server's state: every document carries the after-success tag (its exchange completed)
            Await.until(Duration.ofMinutes(3), "every document tagged by an exchange that completed",
                    () -> ids.stream().allMatch(id -> s.get("documents/" + id).path("tags").toString().contains(
                            String.valueOf(tagId))));
        } finally {
            second.destroyForcibly().waitFor();
        }
        Map<Integer, List<String>> emitted = new TreeMap<>();
        for (String line : lines(out)) {
            String[] p = line.split(" ");
            emitted.computeIfAbsent(Integer.valueOf(p[0]), k -> new ArrayList<>()).add(p[1]);
        }
        List<Integer> twice = emitted.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).toList();
        tally.note("emitted " + lines(out).size() + " times for " + DOCUMENTS + " documents (" + atKill
                   + " before the kill); twice: " + twice + ", marked redelivered on the second: "
                   + twice.stream().allMatch(id -> emitted.get(id).get(1).equals("true")));
        tally.assertNothingLostOrDoubled(); // the documents themselves
        assertThat(emitted.keySet()).as("every document emitted at least once").containsAll(ids);
        assertThat(twice).as("a second emission only for the exchange in flight at the kill").hasSizeLessThanOrEqualTo(1);
        for (Integer id : twice) {
            assertThat(emitted.get(id)).as("document " + id + ": first, then marked redelivered").containsExactly("false", "true");
        }
        emitted.forEach((id, marks) -> assertThat(marks.get(0)).as("first emission of " + id).isEqualTo("false"));
    }

    private static Process start(RealServer s, Path state, Path out, String mode, String prefix, int tag) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), ConsumerApp.class.getName(), s.url(),
                state.toString(), out.toString(), mode, prefix, String.valueOf(tag), "700");
        pb.environment().put("PAPERLESS_TOKEN", s.token());
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(out.resolveSibling("app.log").toFile()));
        return pb.start();
    }

    private static List<String> lines(Path out) {
        try {
            return Files.readAllLines(out, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
