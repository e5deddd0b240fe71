package io.github.camelpaperless.client;

import java.util.List;

import io.github.camelpaperless.client.model.Task;

/**
 * A task ended in failure or was revoked, e.g. consumption rejected a duplicate ("It is a duplicate of #N") or an
 * existing archive serial number. Carries the task, its message and the related document ids.
 */
public class PaperlessTaskFailedException extends PaperlessException {

    private static final long serialVersionUID = 1L;

    private final transient Task task;

    public PaperlessTaskFailedException(Task task) {
        super("Task " + task.taskId() + (task.fileName() != null ? " (" + task.fileName() + ")" : "") + " ended with status "
              + (task.status() == null ? null : task.status().value()) + ": " + task.message());
        this.task = task;
    }

    public Task getTask() {
        return task;
    }

    public String getTaskId() {
        return task.taskId();
    }

    /** The related document ids (for a duplicate: the existing document). */
    public List<Integer> getRelatedDocumentIds() {
        return task.relatedDocuments();
    }

    /** The existing document a rejected duplicate matched, or {@code null}. */
    public Integer getDuplicateOf() {
        return task.duplicateOf();
    }
}
