package io.github.camelpaperless.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Waits for a condition (bounded), failing with a message when it does not hold in time. */
public final class Wait {

    private Wait() {
    }

    public static void until(Duration max, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Timed out after " + max + " waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** {@link #until(Duration, BooleanSupplier, String)} within 10 s, unchecked. */
    public static void until(BooleanSupplier condition) {
        try {
            until(Duration.ofSeconds(10), condition, "the condition");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
