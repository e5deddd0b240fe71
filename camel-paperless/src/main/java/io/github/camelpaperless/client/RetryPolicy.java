package io.github.camelpaperless.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The single retry policy of the client.
 * <ul>
 * <li>Idempotent requests (GET, HEAD, PUT, DELETE, PATCH with a repeatable body) are retried on connection
 * refused/reset, timeouts, HTTP 502/503/504, and 429 (honouring {@code Retry-After}).</li>
 * <li>Non-idempotent requests (POST: uploads, bulk edits, creates) are retried only when the request provably never
 * reached the server (the connection could not be established).</li>
 * <li>400, 401, 403, 404 and 406 are never retried.</li>
 * </ul>
 * Delays grow exponentially from {@link #initialDelay()}, capped at {@link #maxDelay()}, with equal jitter (a random
 * delay between half and all of that).
 * {@code maxAttempts = 0} disables retries.
 */
public final class RetryPolicy {

    /** 3 retries, 500 ms initial delay, 30 s cap. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(30));
    /** No retries. */
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO);

    private final int maxRetries;
    private final Duration initialDelay;
    private final Duration maxDelay;

    public RetryPolicy(int maxRetries, Duration initialDelay, Duration maxDelay) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("retryAttempts must be >= 0 (0 disables retries), was " + maxRetries);
        }
        this.maxRetries = maxRetries;
        this.initialDelay = initialDelay == null ? Duration.ZERO : initialDelay;
        this.maxDelay = maxDelay == null ? this.initialDelay : maxDelay;
    }

    /** How many times a failed request is retried (0 = never). */
    public int maxRetries() {
        return maxRetries;
    }

    public Duration initialDelay() {
        return initialDelay;
    }

    public Duration maxDelay() {
        return maxDelay;
    }

    /**
     * Whether a request that failed with {@code failure} on attempt {@code attempt} (0-based) is tried again.
     *
     * @param idempotent whether the request may be repeated without side effects and its body can be re-sent
     */
    public boolean shouldRetry(int attempt, boolean idempotent, RuntimeException failure) {
        if (attempt >= maxRetries) {
            return false;
        }
        if (failure instanceof PaperlessConnectionException) {
            PaperlessConnectionException ce = (PaperlessConnectionException) failure;
            return idempotent || ce.isConnectFailure();
        }
        if (!idempotent) {
            return false;
        }
        if (failure instanceof PaperlessRateLimitException) {
            return true;
        }
        if (failure instanceof PaperlessApiException) {
            int s = ((PaperlessApiException) failure).getStatusCode();
            return s == 502 || s == 503 || s == 504;
        }
        return false;
    }

    /**
     * Whether a non-idempotent request (an upload) that failed ambiguously on attempt {@code attempt} is tried again
     * <em>after the caller checked</em> that it had no effect (e.g. no document with the content's checksum and no
     * consumption task for the file). Ambiguous: the connection failed or timed out, or the server answered 500, 502,
     * 503 or 504 — the request may or may not have been processed. A rejection (4xx) is never retried.
     */
    public boolean shouldRetryChecked(int attempt, RuntimeException failure) {
        return attempt < maxRetries && isAmbiguous(failure);
    }

    /** A failure after which a non-idempotent request may or may not have taken effect. */
    public static boolean isAmbiguous(RuntimeException failure) {
        if (failure instanceof PaperlessServerException) {
            int s = ((PaperlessServerException) failure).getStatusCode();
            // 400: a bulk edit that threw while being applied (ErrorMapper), e.g. a locked SQLite database
            return s == 400 || s == 500 || s == 502 || s == 503 || s == 504;
        }
        return failure instanceof PaperlessConnectionException;
    }

    /**
     * A failure that says nothing about what was asked, only that the server could not answer now: it could not be
     * reached, timed out, was overloaded (429) or failed (5xx). A wait that asks again later (a task wait until its own
     * deadline) may take it for "no news yet" instead of failing.
     */
    public static boolean isTransient(RuntimeException failure) {
        if (failure instanceof PaperlessConnectionException || failure instanceof PaperlessRateLimitException) {
            return true;
        }
        return failure instanceof PaperlessServerException && ((PaperlessServerException) failure).getStatusCode() >= 500;
    }

    /** The pause before retry number {@code attempt + 1}. */
    public Duration delayBefore(int attempt, RuntimeException failure) {
        if (failure instanceof PaperlessRateLimitException) {
            Duration ra = ((PaperlessRateLimitException) failure).getRetryAfter();
            if (ra != null) {
                // the server said how long: honour it, capped by maxDelay only if maxDelay is larger than zero
                return maxDelay.isZero() || ra.compareTo(maxDelay) <= 0 ? ra : maxDelay;
            }
        }
        long base = initialDelay.toMillis();
        if (base <= 0) {
            return Duration.ZERO;
        }
        long cap = Math.max(base, maxDelay.toMillis());
        long exp = base << Math.min(attempt, 20);
        long bound = Math.min(cap, exp);
        long jittered = bound / 2 + ThreadLocalRandom.current().nextLong(bound / 2 + 1);
        return Duration.ofMillis(jittered);
    }

    @Override
    public String toString() {
        return "RetryPolicy[retries=" + maxRetries + ", delay=" + initialDelay + ", maxDelay=" + maxDelay + "]";
    }
}
