package io.github.camelpaperless.client;

/**
 * How a request that must not simply be sent again (a POST: an upload, a create) may still be retried after an
 * ambiguous failure — the connection broke or the server answered 500/502/503/504, so the request may or may not have
 * taken effect. The transport asks the check before each such retry (and only while the {@link RetryPolicy} allows
 * one, see {@link RetryPolicy#shouldRetryChecked}); the check looks on the server whether the earlier attempt took
 * effect. An idempotent request (a PATCH with the full body) given a check is also sent again after a 500, which the
 * policy alone does not retry: its check may simply answer {@code null} (sending it again is harmless).
 *
 * @param <R> the request's result
 */
@FunctionalInterface
public interface RetryCheck<R> {

    /**
     * @param  failure the ambiguous failure of the last attempt
     * @return         the result of the earlier attempt when it took effect (nothing is sent again), or {@code null}
     *                 when it provably did not and the request may be sent again
     */
    R tookEffect(RuntimeException failure);
}
