package io.github.camelpaperless.client;

import java.time.Duration;
import java.time.Instant;

import io.github.camelpaperless.client.model.Task;
import io.github.camelpaperless.client.model.TaskStatus;

/**
 * Waiting for a task gave up before the task finished. The task goes on in Paperless (unless it is
 * {@link PaperlessTaskOrphanedException orphaned}): nothing is lost, and an upload of the same file takes this task over
 * instead of sending the file again. Follow it with its id ({@link #getTaskId()}).
 */
public class PaperlessTaskTimeoutException extends PaperlessException {

    private static final long serialVersionUID = 1L;

    private final String taskId;
    private final TaskStatus lastStatus;
    private final transient Task task;

    public PaperlessTaskTimeoutException(String taskId, TaskStatus lastStatus, Duration waited) {
        super("Task " + taskId + " did not finish within " + waited.toMillis() + " ms (last status: "
              + (lastStatus == null ? "not yet visible" : lastStatus.value())
              + "); it keeps running in Paperless — poll it later with paperless:tasks?operation=poll or raise waitTimeout");
        this.taskId = taskId;
        this.lastStatus = lastStatus;
        this.task = null;
    }

    /**
     * @param task      the task as last seen ({@code null} when it never became visible)
     * @param serverNow the server's time now (see {@link PaperlessClient#serverNow()}), for the task's age
     */
    public PaperlessTaskTimeoutException(String taskId, Task task, Duration waited, Instant serverNow) {
        super(describe(taskId, task, waited, serverNow));
        this.taskId = taskId;
        this.lastStatus = task == null ? null : task.status();
        this.task = task;
    }

    /**
     * @param lookFailure why the last look at the task went unanswered (the server unreachable, a 5xx), or {@code null};
     *                    it becomes the cause
     */
    public PaperlessTaskTimeoutException(String taskId, Task task, Duration waited, Instant serverNow,
                                         RuntimeException lookFailure) {
        super(describe(taskId, task, waited, serverNow)
              + (lookFailure == null ? "" : ". The last look at it went unanswered: " + lookFailure.getMessage()),
              lookFailure);
        this.taskId = taskId;
        this.lastStatus = task == null ? null : task.status();
        this.task = task;
    }

    protected PaperlessTaskTimeoutException(String message, String taskId, Task task) {
        super(message);
        this.taskId = taskId;
        this.lastStatus = task == null ? null : task.status();
        this.task = task;
    }

    private static String describe(String taskId, Task t, Duration waited, Instant serverNow) {
        String file = t != null && t.fileName() != null ? " (" + t.fileName() + ")" : "";
        String state;
        if (t == null) {
            state = "is not visible yet (the server has not recorded it)";
        } else if (t.status() == TaskStatus.PENDING) {
            state = "is still queued: Paperless' worker has not started it" + age(" (queued ", t.dateCreated(), serverNow, ")")
                    + " — it is stalled or busy with earlier tasks";
        } else if (t.status() == TaskStatus.STARTED) {
            state = "is still running" + age(" (started ", t.dateStarted() != null ? t.dateStarted() : t.dateCreated(),
                    serverNow, ")");
        } else {
            state = "has status " + (t.status() == null ? "unknown" : t.status().value());
        }
        return "Task " + taskId + file + " " + state + " after waiting " + waited.toMillis() + " ms. Nothing is lost: "
               + "Paperless keeps it, and the next upload of the same file waits for this task instead of sending the file "
               + "again; follow it with paperless:tasks?operation=poll (header CamelPaperlessTaskId) or raise waitTimeout";
    }

    static String age(String prefix, java.time.OffsetDateTime since, Instant now, String suffix) {
        if (since == null || now == null) {
            return "";
        }
        long s = Math.max(0, Duration.between(since.toInstant(), now).getSeconds());
        return prefix + (s >= 120 ? s / 60 + " min" : s + " s") + " ago" + suffix;
    }

    public String getTaskId() {
        return taskId;
    }

    /** The last status seen, or {@code null} if the task was never visible. */
    public TaskStatus getLastStatus() {
        return lastStatus;
    }

    /** The task as last seen, or {@code null} (never visible, or made with the older constructor). */
    public Task getTask() {
        return task;
    }
}
