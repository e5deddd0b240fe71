package io.github.camelpaperless.component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.camelpaperless.support.Wait;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instances reading one drop folder with camel-file's idempotent read lock on a shared repository: wrapped in
 * {@link SharedDropClaims}, an instance that fails to claim a file releases nothing, so each file is processed by one
 * instance. (Camel 4.22.0's read lock removes the other instance's key when its own claim fails: with the shared
 * repository alone, files were taken by two or three instances at once — SharedDropIT on the real servers.)
 */
class SharedDropClaimsTest {

    @TempDir
    Path drop;

    @Test
    void aFailedClaimReleasesNothingAndAHeldOneIsReleased() throws Exception {
        MemoryIdempotentRepository shared = new MemoryIdempotentRepository();
        SharedDropClaims alpha = new SharedDropClaims(shared);
        SharedDropClaims beta = new SharedDropClaims(shared);
        alpha.start();
        beta.start();
        assertThat(alpha.add("/drop/a.pdf")).isTrue();
        assertThat(beta.add("/drop/a.pdf")).isFalse();
        // what camel-file does after a failed claim: abort, i.e. remove the key
        assertThat(beta.remove("/drop/a.pdf")).isFalse();
        assertThat(shared.contains("/drop/a.pdf")).as("alpha's claim survives beta's abort").isTrue();
        assertThat(beta.add("/drop/a.pdf")).isFalse();
        assertThat(alpha.holds("/drop/a.pdf")).isTrue();
        // alpha's commit releases it; then it can be claimed again (a file of the same name dropped later)
        assertThat(alpha.remove("/drop/a.pdf")).isTrue();
        assertThat(shared.contains("/drop/a.pdf")).isFalse();
        assertThat(beta.add("/drop/a.pdf")).isTrue();
        assertThat(beta.holds("/drop/a.pdf")).isTrue();
        assertThat(alpha.holds("/drop/a.pdf")).isFalse();
        assertThat(new SharedDropClaims(shared).toString()).contains("SharedDropClaims");
    }

    @Test
    void threeInstancesOnOneDropProcessEachFileOnce() throws Exception {
        MemoryIdempotentRepository shared = new MemoryIdempotentRepository(); // what a database gives several JVMs
        Map<String, List<String>> processedBy = new ConcurrentHashMap<>();
        List<CamelContext> instances = new ArrayList<>();
        List<String> seen = new CopyOnWriteArrayList<>();
        try {
            for (String name : List.of("a", "b", "c")) {
                CamelContext ctx = new DefaultCamelContext();
                ctx.getRegistry().bind("claims", new SharedDropClaims(shared));
                ctx.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("file:" + drop + "?readLock=idempotent&idempotentRepository=#claims&readLockRemoveOnCommit=true"
                             + "&readLockIdempotentReleaseDelay=500&move=.done&delay=20&initialDelay=0&maxMessagesPerPoll=1")
                                .process(e -> {
                                    String file = e.getMessage().getHeader("CamelFileNameOnly", String.class);
                                    processedBy.computeIfAbsent(file, k -> new CopyOnWriteArrayList<>()).add(name);
                                    seen.add(file);
                                    Thread.sleep(100); // the upload: others poll meanwhile and fail to claim it
                                });
                    }
                });
                ctx.start();
                instances.add(ctx);
            }
            for (int i = 1; i <= 12; i++) {
                Path tmp = drop.resolve(".f" + i + ".part");
                Files.writeString(tmp, "file " + i);
                Files.move(tmp, drop.resolve("f" + i + ".txt"));
            }
            Wait.until(Duration.ofSeconds(30), () -> processedBy.size() == 12 && Files.exists(drop.resolve(".done/f12.txt"))
                                                     && countDone() == 12, "12 files processed and moved");
            Thread.sleep(300); // polls that could still take a file twice
            assertThat(processedBy).allSatisfy((file, by) -> assertThat(by).as(file).hasSize(1));
            assertThat(seen).hasSize(12);
            assertThat(processedBy.values().stream().map(l -> l.get(0)).distinct().count())
                    .as("the instances share the work").isGreaterThan(1);
        } finally {
            for (CamelContext c : instances) {
                c.stop();
            }
        }
    }

    private long countDone() {
        try (var files = Files.list(drop.resolve(".done"))) {
            return files.count();
        } catch (Exception e) {
            return -1;
        }
    }
}
