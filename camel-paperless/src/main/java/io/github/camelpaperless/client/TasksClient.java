package io.github.camelpaperless.client;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelpaperless.client.model.Task;
import io.github.camelpaperless.client.model.TaskStatus;
import io.github.camelpaperless.client.model.TaskStatusCounts;
import io.github.camelpaperless.client.model.TaskSummary;

/** Tasks, on API 9 (plain list, uppercase status) and API 10 (paginated, lowercase) alike. */
public final class TasksClient {

    private final PaperlessClient client;

    TasksClient(PaperlessClient client) {
        this.client = client;
    }

    /** A task by its integer id. */
    public Task get(int id) {
        return client.get("tasks/" + id, null, client.type(Task.class));
    }

    /** A task by its UUID ({@code ?task_id=}), or {@code null} when unknown or not visible. */
    public Task byUuid(String uuid) {
        Page<Task> page = client.page("tasks", Query.create().set("task_id", uuid), 1, client.type(Task.class));
        for (Task t : page.items()) {
            if (uuid.equals(t.taskId())) {
                return t;
            }
        }
        return null;
    }

    /**
     * A consumption task for a file of this name that is still pending or running and was created at or after
     * {@code since}: an upload the server accepted although the client saw a failure (consumption is asynchronous).
     *
     * @return the task, or {@code null}
     */
    public Task findUnfinishedConsumption(String fileName, OffsetDateTime since) {
        Query q = Query.create();
        if (client.negotiate() >= 10) {
            q.set("task_type", "consume_file").set("status", List.of("pending", "started"));
        }
        for (Task t : list(q, 0)) {
            if (t.isTerminal() || t.dateCreated() == null || t.dateCreated().isBefore(since)) {
                continue;
            }
            if (fileName == null || fileName.equals(t.fileName())) {
                return t;
            }
        }
        return null;
    }

    public PagedIterable<Task> list(Query filters, long maxResults) {
        return client.list("tasks", filters, client.type(Task.class), maxResults);
    }

    public Page<Task> page(Query filters, int page) {
        return client.page("tasks", filters, page, client.type(Task.class));
    }

    /** Pending and started tasks (at most 50). */
    public List<Task> active() {
        return client.get("tasks/active", null, client.listType(Task.class));
    }

    /** Counts and durations per task type, over the last {@code days} (server default 30). */
    public List<TaskSummary> summary(Integer days) {
        return client.get("tasks/summary", Query.create().set("days", days), client.listType(TaskSummary.class));
    }

    public TaskStatusCounts statusCounts(Query filters) {
        return client.get("tasks/status_counts", filters, client.type(TaskStatusCounts.class));
    }

    /** Acknowledges tasks by id; returns how many were acknowledged. */
    public int acknowledge(List<Integer> ids) {
        if (ids == null || ids.isEmpty()) {
            throw new IllegalArgumentException("acknowledge needs task ids (or use acknowledgeAll)");
        }
        return client.<JsonNode> send("POST", "tasks/acknowledge", null, Map.of("tasks", ids), client.type(JsonNode.class))
                .path("result").asInt();
    }

    public int acknowledgeAll() {
        return client.<JsonNode> send("POST", "tasks/acknowledge", null, Map.of("all", true), client.type(JsonNode.class))
                .path("result").asInt();
    }

    /** What {@link #run} started: the task's UUID (Paperless-ngx 3), or the result of a task the server ran at once (2.x). */
    public record RunResult(String taskId, String result) {
    }

    /**
     * Starts a task ({@code train_classifier}, {@code sanity_check}, {@code llm_index} on 3.x). Paperless-ngx 3 queues it
     * and answers its UUID; 2.x runs it before answering and sends its result.
     */
    public RunResult run(String taskType) {
        if (taskType == null || taskType.isBlank()) {
            throw new IllegalArgumentException("run needs a task type: train_classifier, sanity_check or llm_index");
        }
        client.negotiate();
        JsonNode answer = client.send("POST", "tasks/run", null, ApiVersions.runTaskBody(taskType.trim(), client.serverVersion()),
                client.type(JsonNode.class));
        if (answer.hasNonNull("task_id")) {
            return new RunResult(answer.get("task_id").asText(), null);
        }
        JsonNode result = answer.path("result");
        return new RunResult(null, result.isNull() || result.isMissingNode() ? null
                : result.isTextual() ? result.asText() : result.toString());
    }

    /**
     * Waits until a task is terminal (success, failure, revoked).
     *
     * @throws PaperlessTaskTimeoutException when it is not terminal within {@code timeout}
     */
    public Task waitFor(String uuid, Duration pollInterval, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("waitTimeout must be > 0");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        TaskStatus last = null;
        while (true) {
            Task t = byUuid(uuid);
            if (t != null) {
                last = t.status();
                if (t.isTerminal()) {
                    return t;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new PaperlessTaskTimeoutException(uuid, last, timeout);
            }
            try {
                Thread.sleep(Math.max(1, Math.min(pollInterval.toMillis(), left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PaperlessTaskTimeoutException(uuid, last, timeout);
            }
        }
    }
}
