package io.github.camelpaperless.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates {@code ../shared} beside the project (the OpenAPI schema and sample documents). A user's clone has no
 * {@code ../shared}: tests that need it skip with a message saying so.
 */
public final class SharedFiles {

    private SharedFiles() {
    }

    public static Path sharedDir() {
        String prop = System.getProperty("paperless.shared.dir");
        if (prop != null && Files.isDirectory(Paths.get(prop))) {
            return Paths.get(prop).normalize();
        }
        Path dir = Paths.get("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++) {
            Path candidate = dir.resolve("../shared").normalize();
            if (Files.isDirectory(candidate.resolve("reference"))) {
                return candidate;
            }
            dir = dir.getParent();
        }
        return null;
    }

    public static Path openApiSpec() {
        Path d = sharedDir();
        Path p = d == null ? null : d.resolve("reference/paperless-openapi-v10.json");
        return p != null && Files.isRegularFile(p) ? p : null;
    }

    public static Path sample(String name) {
        Path d = sharedDir();
        Path p = d == null ? null : d.resolve("samples").resolve(name);
        return p != null && Files.isRegularFile(p) ? p : null;
    }

    public static final String ABSENT_MESSAGE
            = "../shared is absent (a user's clone has no ../shared): the OpenAPI conformance check and sample-document tests are skipped";
}
