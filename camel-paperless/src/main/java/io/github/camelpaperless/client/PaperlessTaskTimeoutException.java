package io.github.camelpaperless.client;

import java.time.Duration;

import io.github.camelpaperless.client.model.TaskStatus;

/**
 * Waiting for a task gave up before the task finished. The task goes on in Paperless: nothing is lost; poll it later
 * with its id ({@link #getTaskId()}).
 */
public class PaperlessTaskTimeoutException extends PaperlessException {

    private static final long serialVersionUID = 1L;

    private final String taskId;
    private final TaskStatus lastStatus;

    public PaperlessTaskTimeoutException(String taskId, TaskStatus lastStatus, Duration waited) {
        super("Task " + taskId + " did not finish within " + waited.toMillis() + " ms (last status: "
              + (lastStatus == null ? "not yet visible" : lastStatus.value())
              + "); it keeps running in Paperless — poll it later with paperless:tasks?operation=poll or raise waitTimeout");
        this.taskId = taskId;
        this.lastStatus = lastStatus;
    }

    public String getTaskId() {
        return taskId;
    }

    /** The last status seen, or {@code null} if the task was never visible. */
    public TaskStatus getLastStatus() {
        return lastStatus;
    }
}
