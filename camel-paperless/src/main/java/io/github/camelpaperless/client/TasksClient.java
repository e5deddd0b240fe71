package io.github.camelpaperless.client;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelpaperless.client.model.Task;
import io.github.camelpaperless.client.model.TaskStatus;
import io.github.camelpaperless.client.model.TaskStatusCounts;
import io.github.camelpaperless.client.model.TaskSummary;

/** Tasks, on API 9 (plain list, uppercase status) and API 10 (paginated, lowercase) alike. */
public final class TasksClient {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TasksClient.class);

    /**
     * When an unfinished task is taken for orphaned: 65 minutes. A task still marked started that long lost its worker
     * (Paperless' own worker time limit, {@code PAPERLESS_WORKER_TIMEOUT}, ends a task after 30 minutes by default and
     * records a failure). A task still queued that long, while files queued after it were consumed, lost its place in
     * the queue (redis restarted without its data) — but not sooner: tasks a worker had taken before it died come back
     * to the queue after Celery's visibility timeout on redis, one hour, and then run.
     */
    public static final Duration DEFAULT_ORPHANED_AFTER = Duration.ofMinutes(65);
    /**
     * A queued task is taken for lost when a consumption task queued after it finished this long ago (Paperless' queue
     * is first in, first out; the slack covers workers that take their tasks at the same moment).
     */
    static final Duration OVERTAKEN_SLACK = Duration.ofSeconds(30);
    /** How far back from an upload's send time the server's task list is searched (clock resolution, rounding). */
    static final Duration SENT_SLACK = Duration.ofSeconds(3);

    private final PaperlessClient client;
    private final TaskWatcher watcher;

    TasksClient(PaperlessClient client) {
        this.client = client;
        this.watcher = new TaskWatcher(client, this);
    }

    /** An upload this client sent ({@code sentAt} on the server's clock): its wait may share a look with others. */
    void expect(String uuid, Instant sentAt) {
        watcher.expect(uuid, sentAt);
    }

    /** Whether no wait is in progress (for tests). */
    boolean watcherIdle() {
        return watcher.idle();
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
     * Waits until a task is terminal (success, failure, revoked), noticing a task that never will be (see
     * {@link #orphanReason}) with the {@linkplain #DEFAULT_ORPHANED_AFTER default} age for a started task.
     *
     * @throws PaperlessTaskTimeoutException  when it is not terminal within {@code timeout}
     * @throws PaperlessTaskOrphanedException when it is known it never will be
     */
    public Task waitFor(String uuid, Duration pollInterval, Duration timeout) {
        return waitFor(uuid, pollInterval, timeout, DEFAULT_ORPHANED_AFTER);
    }

    /**
     * Like {@link #waitFor(String, Duration, Duration)}, with the age after which a task still marked started is taken
     * for orphaned ({@code orphanedAfter}: Paperless' {@code PAPERLESS_WORKER_TIMEOUT} plus a margin).
     */
    public Task waitFor(String uuid, Duration pollInterval, Duration timeout, Duration orphanedAfter) {
        return waitFor(uuid, pollInterval, TaskWatcher.DEFAULT_MAX_POLL_INTERVAL, timeout, orphanedAfter);
    }

    /**
     * Like {@link #waitFor(String, Duration, Duration, Duration)}, with the longest interval between two looks at the
     * task ({@code maxPollInterval}, not below {@code pollInterval}): the waits of one client share one look at the
     * server's task list, made every {@code pollInterval}, less often while the worker is busy or stalled (see
     * {@link TaskWatcher}). A completion is noticed at most {@code maxPollInterval} after it.
     */
    public Task waitFor(String uuid, Duration pollInterval, Duration maxPollInterval, Duration timeout,
                        Duration orphanedAfter) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("waitTimeout must be > 0");
        }
        PaperlessObserver.TaskWait wait = client.config().observer().taskWaitStarted(uuid);
        Task done;
        try {
            done = watcher.await(uuid, pollInterval, maxPollInterval, timeout, orphanedAfter);
        } catch (PaperlessTaskOrphanedException e) {
            wait.end(PaperlessObserver.TaskResult.ORPHANED, null);
            throw e;
        } catch (PaperlessTaskTimeoutException e) {
            wait.end(PaperlessObserver.TaskResult.TIMEOUT, null);
            throw e;
        } catch (RuntimeException e) {
            wait.end(PaperlessObserver.TaskResult.ERROR, null);
            throw e;
        }
        Duration consumption = done.dateCreated() != null && done.dateDone() != null
                ? Duration.between(done.dateCreated(), done.dateDone()) : null;
        wait.end(done.isSuccess() ? PaperlessObserver.TaskResult.SUCCESS : PaperlessObserver.TaskResult.FAILURE,
                consumption == null || consumption.isNegative() ? null : consumption);
        return done;
    }

    /** Checks a task being waited for; asks the server whether a queued one was overtaken at most every 30 s. */
    final class Orphans {
        private final Duration orphanedAfter;
        private long nextOvertakenCheck = System.nanoTime();

        Orphans(Duration orphanedAfter) {
            this.orphanedAfter = orphanedAfter;
        }

        void check(Task t) {
            boolean askQueue = System.nanoTime() - nextOvertakenCheck >= 0;
            String reason = orphanReason(t, orphanedAfter, askQueue);
            if (askQueue && t.status() == TaskStatus.PENDING) {
                nextOvertakenCheck = System.nanoTime() + OVERTAKEN_SLACK.toNanos();
            }
            if (reason != null) {
                throw new PaperlessTaskOrphanedException(t, reason, ageOf(t));
            }
        }
    }

    /**
     * Why a task that is not finished never will be, or {@code null} when it may still finish:
     * <ul>
     * <li>started longer ago than {@code orphanedAfter} (API 9 tells no start time, on either server: its creation
     * time counts): its worker died or was restarted while it ran — Paperless leaves such a task started forever;</li>
     * <li>queued longer ago than {@code orphanedAfter} while a consumption task queued after it finished more than 30 s
     * ago: its place in the queue was lost (redis restarted without its data) — Paperless leaves it pending forever.</li>
     * </ul>
     * A queued task that nothing overtook may simply wait for a stalled or busy worker; one a dead worker had taken comes
     * back after Celery's one-hour visibility timeout: neither is orphaned before {@code orphanedAfter}.
     */
    public String orphanReason(Task t, Duration orphanedAfter) {
        return orphanReason(t, orphanedAfter, true);
    }

    private String orphanReason(Task t, Duration orphanedAfter, boolean askQueue) {
        if (t == null || t.isTerminal()) {
            return null;
        }
        Instant now = client.serverNow();
        if (t.status() == TaskStatus.STARTED) {
            OffsetDateTime since = t.dateStarted() != null ? t.dateStarted() : t.dateCreated();
            if (since != null && Duration.between(since.toInstant(), now).compareTo(orphanedAfter) > 0) {
                return "it was started " + PaperlessTaskTimeoutException.age("", since, now, "")
                       + " and is still marked started, longer than taskOrphanedAfter (" + minutes(orphanedAfter)
                       + "; Paperless' worker time limit ends a task sooner): its worker died or was restarted while it ran";
            }
            return null;
        }
        if (t.status() == TaskStatus.PENDING && askQueue && t.dateCreated() != null
                && Duration.between(t.dateCreated().toInstant(), now).compareTo(orphanedAfter) > 0) {
            Task later;
            try {
                later = finishedAfter(t);
            } catch (PaperlessException e) {
                // a look that failed tells nothing: the task is not taken for orphaned on it
                LOG.debug("Could not look whether queued task {} was overtaken: {}", t.taskId(), e.getMessage());
                return null;
            }
            if (later != null && later.dateDone() != null
                    && Duration.between(later.dateDone().toInstant(), now).compareTo(OVERTAKEN_SLACK) > 0) {
                return "it was queued " + PaperlessTaskTimeoutException.age("", t.dateCreated(), now, "")
                       + " and is still pending, longer than taskOrphanedAfter (" + minutes(orphanedAfter) + "), while "
                       + (later.fileName() != null ? later.fileName() : "a file") + ", queued after it, was consumed "
                       + PaperlessTaskTimeoutException.age("", later.dateDone(), now, "") + " (task " + later.taskId()
                       + "): its place in Paperless' queue was lost (e.g. redis restarted without its data)";
            }
        }
        return null;
    }

    private static String minutes(Duration d) {
        return d.toMinutes() >= 2 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    /** The consumption task queued after {@code t} that finished first, or {@code null}. */
    private Task finishedAfter(Task t) {
        OffsetDateTime created = t.dateCreated();
        Query q = Query.create();
        if (hasTaskFilters()) {
            q.set("task_type", "consume_file").set("is_complete", "true").set("ordering", "date_done")
                    .set("date_created_after", created.plusNanos(1000).toInstant().toString());
        } else {
            q.set("task_name", "consume_file");
        }
        Task first = null;
        for (Task c : list(q, 0)) {
            if (c.dateDone() == null || c.dateCreated() == null || !c.dateCreated().isAfter(created)
                    || c.taskId() != null && c.taskId().equals(t.taskId())) {
                continue;
            }
            if (first == null || c.dateDone().isBefore(first.dateDone())) {
                first = c;
            }
            if (hasTaskFilters()) {
                break; // ordered by date_done: the first is the one
            }
        }
        return first;
    }

    /**
     * The consumption tasks of files of this name created at or after {@code sentAt - 3 s} (the server's clock): an
     * upload the server accepted although the client saw a failure. Oldest first.
     */
    public List<Task> consumptionsSince(String fileName, Instant sentAt) {
        Instant from = sentAt.minus(SENT_SLACK);
        Query q = Query.create();
        if (hasTaskFilters()) {
            q.set("task_type", "consume_file").set("date_created_after", from.toString()).set("ordering", "date_created");
            if (fileName != null) {
                q.set("name", fileName);
            }
        } else {
            q.set("task_name", "consume_file");
        }
        List<Task> out = new ArrayList<>();
        for (Task t : list(q, 0)) {
            if (t.dateCreated() == null || t.dateCreated().toInstant().isBefore(from)) {
                continue; // API 9 on 2.x lists the whole table
            }
            if (fileName == null || fileName.equals(t.fileName())) {
                out.add(t);
            }
        }
        out.sort(java.util.Comparator.comparing(Task::dateCreated));
        return out;
    }

    /** Whether the server filters tasks by type, status, name and date (Paperless-ngx 3, API 9 and 10). */
    boolean hasTaskFilters() {
        int v = client.negotiate();
        Integer major = ApiVersions.major(client.serverVersion());
        return v >= 10 || major != null && major >= 3;
    }

    /** How long a task has been in its state (started, or queued), by the server's clock. */
    Duration ageOf(Task t) {
        OffsetDateTime since = t.status() == TaskStatus.STARTED && t.dateStarted() != null ? t.dateStarted() : t.dateCreated();
        return since == null ? Duration.ZERO : Duration.between(since.toInstant(), client.serverNow());
    }
}
