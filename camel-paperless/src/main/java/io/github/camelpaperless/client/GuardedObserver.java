package io.github.camelpaperless.client;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An observer that cannot break a call: what it throws is logged once per kind of call and ignored. */
final class GuardedObserver implements PaperlessObserver {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedObserver.class);

    private final PaperlessObserver delegate;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    private GuardedObserver(PaperlessObserver delegate) {
        this.delegate = delegate;
    }

    static PaperlessObserver of(PaperlessObserver observer) {
        return observer instanceof GuardedObserver || observer == NONE ? observer : new GuardedObserver(observer);
    }

    private void failed(String call, RuntimeException e) {
        if (warned.add(call)) {
            LOG.warn("Paperless observer {} failed in {} (ignored; logged once): {}", delegate.getClass().getName(), call,
                    e.toString());
        }
    }

    @Override
    public RequestObservation requestStarted(Request request) {
        RequestObservation o;
        try {
            o = delegate.requestStarted(request);
        } catch (RuntimeException e) {
            failed("requestStarted", e);
            return RequestObservation.NONE;
        }
        if (o == null) {
            return RequestObservation.NONE;
        }
        return (status, failure) -> {
            try {
                o.end(status, failure);
            } catch (RuntimeException e) {
                failed("request end", e);
            }
        };
    }

    @Override
    public void retrying(Request request, String reason) {
        try {
            delegate.retrying(request, reason);
        } catch (RuntimeException e) {
            failed("retrying", e);
        }
    }

    @Override
    public void uploaded(UploadResult result, long bytes) {
        try {
            delegate.uploaded(result, bytes);
        } catch (RuntimeException e) {
            failed("uploaded", e);
        }
    }

    @Override
    public TaskWait taskWaitStarted(String taskId) {
        TaskWait w;
        try {
            w = delegate.taskWaitStarted(taskId);
        } catch (RuntimeException e) {
            failed("taskWaitStarted", e);
            return TaskWait.NONE;
        }
        if (w == null) {
            return TaskWait.NONE;
        }
        return (TaskResult result, Duration consumption) -> {
            try {
                w.end(result, consumption);
            } catch (RuntimeException e) {
                failed("task wait end", e);
            }
        };
    }
}
