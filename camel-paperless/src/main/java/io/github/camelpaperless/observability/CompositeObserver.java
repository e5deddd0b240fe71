package io.github.camelpaperless.observability;

import java.util.List;

import io.github.camelpaperless.client.PaperlessObserver;

/** Tells several observers (meters and spans), in order; ends in reverse order. */
final class CompositeObserver implements PaperlessObserver {

    private final List<PaperlessObserver> observers;

    CompositeObserver(List<PaperlessObserver> observers) {
        this.observers = List.copyOf(observers);
    }

    @Override
    public RequestObservation requestStarted(Request request) {
        RequestObservation[] started = new RequestObservation[observers.size()];
        for (int i = 0; i < started.length; i++) {
            started[i] = observers.get(i).requestStarted(request);
        }
        return (status, failure) -> {
            for (int i = started.length - 1; i >= 0; i--) {
                started[i].end(status, failure);
            }
        };
    }

    @Override
    public void retrying(Request request, String reason) {
        observers.forEach(o -> o.retrying(request, reason));
    }

    @Override
    public void uploaded(UploadResult result, long bytes) {
        observers.forEach(o -> o.uploaded(result, bytes));
    }

    @Override
    public TaskWait taskWaitStarted(String taskId) {
        TaskWait[] started = new TaskWait[observers.size()];
        for (int i = 0; i < started.length; i++) {
            started[i] = observers.get(i).taskWaitStarted(taskId);
        }
        return (result, consumption) -> {
            for (int i = started.length - 1; i >= 0; i--) {
                started[i].end(result, consumption);
            }
        };
    }

    @Override
    public String toString() {
        return observers.toString();
    }
}
