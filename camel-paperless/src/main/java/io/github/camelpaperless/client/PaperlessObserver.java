package io.github.camelpaperless.client;

import java.time.Duration;

/**
 * What the client tells about its work, for metrics and traces: each HTTP request (every attempt), each retry, each
 * upload's outcome and each wait for a consumption task. Every method has a default that does nothing; an observer
 * must be quick and must not throw (a failing observer is logged once per kind and ignored).
 * <p>
 * The client knows no metrics or tracing library: the component binds Micrometer and OpenTelemetry to this interface
 * when they are present ({@code io.github.camelpaperless.observability}); a plain-Java user can set one with
 * {@link PaperlessClientConfig.Builder#observer(PaperlessObserver)}.
 * <p>
 * Nothing passed here carries a token, a password or a query value: resources and URI templates name the API path with
 * ids replaced by {@code {id}}, and {@link Request#url()} keeps query names only.
 */
public interface PaperlessObserver {

    /** Observes nothing. */
    PaperlessObserver NONE = new PaperlessObserver() {
    };

    /**
     * One HTTP request to the server: one attempt (a retry is a new request with {@link #resendCount()} &gt; 0).
     *
     * @param method      {@code GET}, {@code POST}, ...
     * @param resource    the API resource ({@code documents}, {@code tasks}, {@code bulk_edit} of
     *                    {@code documents/bulk_edit/} is {@code documents}); {@code none} outside {@code /api/}
     * @param uri         the path as a template: {@code /api/documents/{id}/download/} (bounded: no ids, no query)
     * @param operation   the operation that made it ({@link #operation(String)}), or {@code none}
     * @param url         scheme, host, port and path, with each query value replaced by {@code REDACTED}
     * @param host        the server's host
     * @param port        the server's port
     * @param resendCount 0 for the first attempt, 1 for the first retry, ...
     */
    record Request(String method, String resource, String uri, String operation, String url, String host, int port,
                   int resendCount) {
    }

    /** The end of a request: the status of its answer, or why there was none. */
    interface RequestObservation {
        RequestObservation NONE = (status, failure) -> {
        };

        /**
         * @param status  the HTTP status, or 0 when no answer came (then {@code failure} says why)
         * @param failure what the request ended with when it failed (an HTTP error's exception too), else {@code null}
         */
        void end(int status, Throwable failure);
    }

    /** A request is about to be sent; the returned observation is told when it ended (once). */
    default RequestObservation requestStarted(Request request) {
        return RequestObservation.NONE;
    }

    /**
     * A failed request is sent again (after the pause) by the retry policy.
     *
     * @param reason bounded: an HTTP status ({@code 503}), {@code connect}, {@code reset}, {@code timeout}, {@code io}
     */
    default void retrying(Request request, String reason) {
    }

    /** What an upload came to. */
    enum UploadResult {
        /** Sent: Paperless queued a consumption task. */
        SENT,
        /** Not sent: a document holds the content ({@code duplicates=skip}). */
        DUPLICATE_SKIPPED,
        /** Not sent: an earlier upload of the same file (the upload ledger) was taken over. */
        RESUMED,
        /** Refused: by the server (4xx, e.g. a validation error) or {@code duplicates=fail}. */
        REJECTED,
        /** Failed on the way (server error, connection, timeout). */
        FAILED
    }

    /** An upload ended; {@code bytes} is the size of the content (-1 when unknown). */
    default void uploaded(UploadResult result, long bytes) {
    }

    /** What a wait for a consumption task came to. */
    enum TaskResult {
        /** The task succeeded. */
        SUCCESS,
        /** The task failed (e.g. a duplicate, an unreadable file). */
        FAILURE,
        /** The wait ended before the task did ({@code waitTimeout}). */
        TIMEOUT,
        /** The task never will end (its worker died, its queue was lost). */
        ORPHANED,
        /** The wait itself failed (the server unreachable for longer than the retry policy). */
        ERROR
    }

    /** The end of a wait for a task; {@link #taskWaitStarted} returns it. */
    interface TaskWait {
        TaskWait NONE = (result, consumption) -> {
        };

        /**
         * @param consumption from the upload (the task's creation) to its end as the server recorded them, or
         *                    {@code null} when the task did not finish
         */
        void end(TaskResult result, Duration consumption);
    }

    /** A wait for a consumption task begins (e.g. {@code waitForCompletion}). */
    default TaskWait taskWaitStarted(String taskId) {
        return TaskWait.NONE;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the operation a request belongs to

    /**
     * Names the operation the requests made on this thread belong to, until the returned scope is closed (the Camel
     * producer names each operation; plain-Java callers may name theirs). Scopes nest.
     */
    static OperationScope operation(String name) {
        String before = OperationScope.CURRENT.get();
        OperationScope.CURRENT.set(name);
        return new OperationScope(before);
    }

    /** The operation named on this thread, or {@code none}. */
    static String currentOperation() {
        String op = OperationScope.CURRENT.get();
        return op == null ? "none" : op;
    }

    /** Restores the operation named before; {@link #close()} does not throw. */
    final class OperationScope implements AutoCloseable {
        static final ThreadLocal<String> CURRENT = new ThreadLocal<>();
        private final String before;

        private OperationScope(String before) {
            this.before = before;
        }

        @Override
        public void close() {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }
}
