package io.github.camelpaperless.it.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for what a real server does asynchronously (consumption, indexing, background updates). */
public final class Await {

    private Await() {
    }

    /** Calls {@code value} until {@code done} accepts its result; fails after {@code max}, showing the last result. */
    public static <T> T until(Duration max, String what, Supplier<T> value, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + max.toNanos();
        T last = null;
        RuntimeException lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                last = value.get();
                lastError = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                lastError = e;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
        AssertionError e = new AssertionError("Timed out after " + max + " waiting for " + what + " (last: " + last + ")");
        if (lastError != null) {
            e.initCause(lastError);
        }
        throw e;
    }

    public static void until(Duration max, String what, Supplier<Boolean> condition) {
        until(max, what, condition, Boolean.TRUE::equals);
    }
}
