package io.github.camelpaperless.it.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The harness itself: a server that cannot be installed is reported and its tests are aborted (never passed); with no
 * server at all everything is skipped with the reason. Runs without any Paperless server.
 */
class RealServersHarnessIT {

    private static Path scripts(Path dir, String startBody) throws Exception {
        Path ps = Files.createDirectories(dir.resolve("paperless-server"));
        for (String[] f : List.of(new String[] { "start.sh", startBody }, new String[] { "stop.sh", "exit 0" })) {
            Path p = ps.resolve(f[0]);
            Files.writeString(p, "#!/bin/sh\n" + f[1] + "\n");
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return dir;
    }

    @Test
    void aServerThatCannotBeInstalledIsReportedAndItsTestsAreAbortedNotPassed(@TempDir Path dir) throws Exception {
        Path shared = scripts(dir, "echo 'pip: no route to the package registry' >&2; exit 3");
        List<String> report = new java.util.ArrayList<>();
        RealServers servers = new RealServers(null, null, shared, "9.9.9:18999", report::add);
        assertThat(String.join("\n", report)).contains("!! Paperless-ngx 9.9.9 COULD NOT BE STARTED: its real-server tests are "
                                                       + "ABORTED, not passed.").contains("no route to the package registry");
        assertThat(servers.servers()).isEmpty();
        assertThat(servers.skipReason()).isNull();
        assertThat(servers.problems()).containsOnlyKeys("9.9.9");
        assertThat(servers.problems().get("9.9.9")).contains("start.sh 9.9.9 exited with 3");

        List<TestTemplateInvocationContext> runs = new RealServerExtension(() -> servers)
                .provideTestTemplateInvocationContexts(null).collect(Collectors.toList());
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).getDisplayName(1)).isEqualTo("[9.9.9]");
        BeforeEachCallback before = (BeforeEachCallback) runs.get(0).getAdditionalExtensions().stream()
                .filter(e -> e instanceof BeforeEachCallback).findFirst().orElseThrow();
        assertThatThrownBy(() -> before.beforeEach(null)).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("Paperless-ngx 9.9.9 could not be started");
    }

    @Test
    void noServerAtAllSkipsWithTheReason(@TempDir Path dir) {
        List<String> report = new java.util.ArrayList<>();
        RealServers servers = new RealServers(null, null, dir.resolve("absent"), "3.0.5:8010", report::add);
        assertThat(report).hasSize(1);
        assertThat(report.get(0)).startsWith("[real-server IT] SKIPPED: no real Paperless-ngx server");
        assertThat(servers.skipReason()).contains("../shared/paperless-server is absent").contains("PAPERLESS_URL");
        assertThat(new RealServerExtension(() -> servers).evaluateExecutionCondition(null).isDisabled()).isTrue();
    }
}
