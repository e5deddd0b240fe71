package io.github.camelpaperless.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** The real sample documents of {@code ../shared/samples}; a test that needs one is skipped, saying so, without it. */
public final class Samples {

    private Samples() {
    }

    public static Path path(String name) {
        Path shared = RealServers.sharedDir();
        Path p = shared == null ? null : shared.resolve("samples").resolve(name);
        Assumptions.assumeTrue(p != null && Files.isRegularFile(p),
                "../shared/samples/" + name + " is absent (a user's clone has no ../shared): this test needs it");
        return p;
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
