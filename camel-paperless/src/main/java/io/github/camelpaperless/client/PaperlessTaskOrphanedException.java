package io.github.camelpaperless.client;

import java.time.Duration;

import io.github.camelpaperless.client.model.Task;

/**
 * A task that is not finished never will: Paperless' worker died or was restarted while it ran (the task stays
 * {@code started} forever), or its place in the queue was lost (redis restarted without its data: the task stays
 * {@code pending} while files uploaded after it are consumed). Waiting for it stops as soon as this is known; an upload
 * of the same file sends it again (after checking that no document holds its content).
 * <p>
 * A subclass of {@link PaperlessTaskTimeoutException}: a route that handles a wait that timed out handles this too.
 */
public class PaperlessTaskOrphanedException extends PaperlessTaskTimeoutException {

    private static final long serialVersionUID = 1L;

    private final Duration age;

    public PaperlessTaskOrphanedException(Task task, String reason, Duration age) {
        super("Task " + task.taskId() + (task.fileName() != null ? " (" + task.fileName() + ")" : "") + " is orphaned: "
              + reason + ". Paperless will never finish it; upload the file again (the component does so on the next "
                       + "upload of the same file)",
                task.taskId(), task);
        this.age = age;
    }

    /** How long the task has been in its state (since it was started, or queued). */
    public Duration getAge() {
        return age;
    }
}
