package io.github.camelpaperless.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.github.camelpaperless.client.model.Task;

/**
 * Every wait for a task on one client, served by one shared look at the server's task list per interval: N uploads
 * waiting at once cost one request per interval, not N.
 * <p>
 * No thread of its own: the waiting callers take turns. When a look is due, the first caller to notice makes it for
 * everyone (its request runs on its thread, under its trace and operation) and hands each waiter its row; the others
 * sleep until a row for them arrives, the next look is due, or their own deadline passes.
 * <p>
 * What one look asks:
 * <ul>
 * <li>one waiter, or a task this client did not upload: {@code ?task_id=<uuid>} each (as narrow as it gets);</li>
 * <li>two or more uploads of this client, Paperless-ngx 3 (API 9 and 10):
 * {@code ?task_type=consume_file&date_created_after=<oldest upload − 3 s>&ordering=date_created} (one page of 100 on
 * API 10; a waiter beyond it is looked up by id);</li>
 * <li>2.x cannot filter tasks by date: {@code ?task_name=consume_file&acknowledged=false} while that lists at most
 * {@value #LISTING_LIMIT} rows; past that (a long-lived server keeps every task) the queue,
 * {@code ?task_name=consume_file&status=PENDING}, for {@link #BIG_LISTING_PAUSE}, and each waited task not in it (started
 * or finished) by id.</li>
 * </ul>
 * A waited task missing from a complete listing (acknowledged meanwhile on 2.x, a clock far off) is looked up by id, at
 * most every {@link #MISSING_LOOKUP_EVERY}.
 * <p>
 * The interval: the first look at a just-sent upload comes after {@code min(pollInterval, 500 ms)} when nothing else is
 * waited for (an upload joining others shares their next look); then {@code pollInterval}, or twice the gap between
 * consecutive completions when two or more tasks are waited for and that is longer (a busy worker: each look sees about
 * two finish, and their documents are read together, see {@link FreshDocuments}); it doubles while no waited task
 * finishes (a task running long, a stalled worker) — never beyond {@code maxPollInterval}. The gap is measured on the
 * server's clock ({@code date_done} of the last waited tasks). So a completion is noticed at most
 * {@code maxPollInterval} (plus one answer) after the server's {@code date_done}. The looks per document are about
 * {@code max(1/2, pace/maxPollInterval)}: a worker slower than one document per {@code maxPollInterval} costs more than
 * one look per document unless {@code maxPollInterval} is raised.
 * <p>
 * A look that fails (after the transport's retries) because the server could not answer — unreachable while it restarts,
 * a timeout, a 5xx or 429 ({@link RetryPolicy#isTransient}) — is taken for "no news yet": every wait goes on until its
 * own deadline (the upload was accepted; failing the wait would report a document Paperless is about to hold as failed),
 * the looks back off like quiet ones, and a wait that times out meanwhile says what the last look met. Any other failure
 * of a look (a 401, 403, an answer that makes no sense) fails the wait that made it; the others keep waiting and the
 * next due look is made by one of them.
 */
final class TaskWatcher {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TaskWatcher.class);

    /** The longest interval between looks unless the caller says otherwise. */
    static final Duration DEFAULT_MAX_POLL_INTERVAL = Duration.ofSeconds(5);
    /** How soon a just-sent upload is first looked at when nothing else is waited for. */
    static final Duration FIRST_LOOK = Duration.ofMillis(500);
    /** How often a waited task missing from a complete listing is looked up by its id. */
    static final Duration MISSING_LOOKUP_EVERY = Duration.ofSeconds(10);
    /** 2.x: the most rows (about 350 bytes each) the listing of unacknowledged consumption tasks may bring. */
    static final int LISTING_LIMIT = 500;
    /** 2.x: how long the waits read only the queue after a listing brought more than {@link #LISTING_LIMIT} rows. */
    static final Duration BIG_LISTING_PAUSE = Duration.ofMinutes(10);
    /** How many recent completions give the worker's pace, and the silence after which it is measured anew. */
    static final int PACE_SAMPLES = 9;
    static final Duration PACE_WINDOW = Duration.ofMinutes(2);
    /** API 10: rows per listing. */
    static final int PAGE = 100;
    private static final int EXPECTED_MAX = 10_000;

    private final PaperlessClient client;
    private final TasksClient tasks;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Live waits, in registration order (two waits may share a task). */
    private final List<Waiter> waiters = new ArrayList<>();
    /** Uploads this client sent: task UUID → send time on the server's clock (bounded, oldest dropped). */
    private final Map<String, Instant> expected = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > EXPECTED_MAX;
        }
    };
    /** When the last waited tasks finished (server clock), newest last: the worker's recent pace. */
    private final java.util.ArrayDeque<Instant> recentDone = new java.util.ArrayDeque<>();
    private boolean polling;
    private long nextLookAt = System.nanoTime();
    private int quietLooks;
    private long bigListingUntil;
    private boolean listingRefused;

    TaskWatcher(PaperlessClient client, TasksClient tasks) {
        this.client = client;
        this.tasks = tasks;
    }

    /** An upload this client sent, and when (server clock): its wait may share a listing with others. */
    void expect(String uuid, Instant sentAt) {
        if (uuid == null || sentAt == null) {
            return;
        }
        lock.lock();
        try {
            expected.put(uuid, sentAt);
        } finally {
            lock.unlock();
        }
    }

    /** Forgets an upload once seen through (the map is bounded anyway). */
    private void forget(String uuid) {
        expected.remove(uuid);
    }

    /** One caller's wait for one task. */
    private static final class Waiter {
        final String uuid;
        final long pollNanos;
        final long maxNanos;
        final TasksClient.Orphans orphans;
        final Instant sentAt;
        Task last;
        Task result;
        RuntimeException failure;
        /** What the last look met when the server could not answer it ({@code null} once a look succeeds). */
        RuntimeException lookFailure;
        boolean done;
        /** Whether a look included it; until then it is looked at by {@link #firstLookBy} at the latest. */
        boolean seen;
        long firstLookBy;
        long nextMissingLookup = System.nanoTime();

        Waiter(String uuid, long pollNanos, long maxNanos, TasksClient.Orphans orphans, Instant sentAt) {
            this.uuid = uuid;
            this.pollNanos = pollNanos;
            this.maxNanos = maxNanos;
            this.orphans = orphans;
            this.sentAt = sentAt;
        }
    }

    /** What one look found. */
    private static final class Look {
        final Map<String, Task> rows = new HashMap<>();
        final Map<Waiter, RuntimeException> orphaned = new HashMap<>();
        final Set<String> lookedUpMissing = new HashSet<>();
    }

    /**
     * Waits until the task is terminal, orphaned ({@link PaperlessTaskOrphanedException}) or {@code timeout} has
     * passed ({@link PaperlessTaskTimeoutException}, also when the caller is interrupted).
     */
    Task await(String uuid, Duration pollInterval, Duration maxPollInterval, Duration timeout, Duration orphanedAfter) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long poll = Math.max(1, pollInterval.toNanos());
        long max = Math.max(poll, maxPollInterval.toNanos());
        lock.lock();
        Waiter w = null;
        try {
            w = new Waiter(uuid, poll, max, tasks.new Orphans(orphanedAfter), expected.get(uuid));
            if (waiters.isEmpty()) {
                // nothing else watched: a just-sent upload is looked at soon, any other task at once
                nextLookAt = start + (w.sentAt == null ? 0 : Math.min(poll, FIRST_LOOK.toNanos()));
                quietLooks = 0;
            }
            // else it joins the next look already planned — but is looked at within half its wait at the latest, so a
            // wait shorter than the interval a stalled worker brought still learns its task's state before it ends
            w.firstLookBy = start + Math.min(max, Math.max(1, timeout.toNanos() / 2));
            if (w.firstLookBy - nextLookAt < 0) {
                nextLookAt = w.firstLookBy;
            }
            waiters.add(w);
            changed.signalAll();
            while (true) {
                if (w.done) {
                    if (w.failure != null) {
                        throw w.failure;
                    }
                    return w.result;
                }
                long now = System.nanoTime();
                if (deadline - now <= 0) {
                    throw timedOut(w, timeout);
                }
                if (!polling && now - nextLookAt >= 0) {
                    lookForAll(w);
                    continue;
                }
                long until = polling ? deadline - now : Math.min(deadline - now, nextLookAt - now);
                try {
                    changed.awaitNanos(Math.max(1, until));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw timedOut(w, timeout);
                }
            }
        } finally {
            if (w != null) {
                waiters.remove(w);
                if (w.done && w.failure == null) {
                    forget(uuid);
                }
            }
            lock.unlock();
        }
    }

    private PaperlessTaskTimeoutException timedOut(Waiter w, Duration timeout) {
        return new PaperlessTaskTimeoutException(w.uuid, w.last, timeout, client.serverNow(), w.lookFailure);
    }

    /** Makes the due look for every live waiter (called holding the lock; releases it during the requests). */
    private void lookForAll(Waiter caller) {
        polling = true;
        List<Waiter> live = List.copyOf(waiters);
        Look look = null;
        RuntimeException failure = null;
        lock.unlock();
        try {
            look = look(live);
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            lock.lock();
            polling = false;
        }
        long now = System.nanoTime();
        boolean change = false;
        List<Integer> consumed = new ArrayList<>();
        long poll = Long.MAX_VALUE;
        long max = Long.MAX_VALUE;
        for (Waiter w : waiters) {
            poll = Math.min(poll, w.pollNanos);
            max = Math.min(max, w.maxNanos);
        }
        if (failure != null && RetryPolicy.isTransient(failure)) {
            if (live.stream().noneMatch(w -> w.lookFailure != null)) {
                LOG.warn("Paperless could not answer the look at {} waited task(s) ({}): they keep waiting, each until its"
                         + " own timeout", distinctTasks(live), failure.getMessage());
            }
            for (Waiter w : live) {
                w.seen = true; // it was in this look: no early look for it (a busy loop while the server is down)
                w.lookFailure = failure;
            }
        } else if (failure != null) {
            caller.failure = failure;
            caller.done = true;
        } else {
            for (Waiter w : live) {
                w.seen = true;
                w.lookFailure = null;
                if (w.done) {
                    continue;
                }
                if (look.lookedUpMissing.contains(w.uuid)) {
                    w.nextMissingLookup = now + MISSING_LOOKUP_EVERY.toNanos();
                }
                Task row = look.rows.get(w.uuid);
                RuntimeException orphaned = look.orphaned.get(w);
                if (row != null) {
                    change |= row.isTerminal(); // only a completion: a task that starts runs on, the looks thin out
                    w.last = row;
                    if (row.isTerminal()) {
                        w.result = row;
                        w.done = true;
                        finished(row);
                        if (w.sentAt != null && row.isSuccess() && row.documentId() != null) {
                            consumed.add(row.documentId()); // an upload's wait: its caller reads the document next
                        }
                    }
                }
                if (!w.done && orphaned != null) {
                    w.failure = orphaned;
                    w.done = true;
                    change = true;
                }
            }
        }
        if (consumed.size() >= 2) {
            client.documents().expectReads(consumed);
        }
        if (poll == Long.MAX_VALUE) {
            poll = caller.pollNanos;
            max = caller.maxNanos;
        }
        quietLooks = change ? 0 : Math.min(quietLooks + 1, 20);
        long interval = poll;
        long gap = distinctTasks(waiters) >= 2 ? meanGap() : -1;
        if (gap > 0) {
            interval = Math.max(interval, 2 * gap); // a busy worker: each look sees about two finish
        }
        for (int i = 0; i < quietLooks && interval < max; i++) {
            interval *= 2;
        }
        nextLookAt = now + Math.min(interval, Math.max(poll, max));
        if (LOG.isDebugEnabled()) {
            LOG.debug("Looked at {} waited task(s){}; next look in {} ms (pace {} ms, {} quiet look(s))", live.size(),
                    failure != null ? " (unanswered)" : "", (nextLookAt - now) / 1_000_000, gap / 1_000_000, quietLooks);
        }
        for (Waiter w : waiters) {
            if (!w.seen && !w.done && w.firstLookBy - nextLookAt < 0) {
                nextLookAt = w.firstLookBy; // joined during this look: not in it
            }
        }
        changed.signalAll();
    }

    /** The requests of one look (no lock held). */
    private Look look(List<Waiter> live) {
        Look look = new Look();
        Map<String, Waiter> byUuid = new LinkedHashMap<>();
        Instant oldest = null;
        int uploads = 0;
        for (Waiter w : live) {
            if (byUuid.putIfAbsent(w.uuid, w) == null && w.sentAt != null) {
                uploads++;
                oldest = oldest == null || w.sentAt.isBefore(oldest) ? w.sentAt : oldest;
            }
        }
        Set<String> covered = Set.of();
        if (uploads >= 2) {
            Listing listing = listing(oldest.minus(TasksClient.SENT_SLACK));
            if (listing != null) {
                for (Task t : listing.rows) {
                    if (t.taskId() != null && byUuid.containsKey(t.taskId())) {
                        look.rows.put(t.taskId(), t);
                    }
                }
                covered = listing.complete ? byUuid.keySet() : Set.of();
            }
        }
        long now = System.nanoTime();
        for (Waiter w : byUuid.values()) {
            if (look.rows.containsKey(w.uuid)) {
                continue;
            }
            boolean missing = covered.contains(w.uuid) && w.sentAt != null;
            if (missing && now - w.nextMissingLookup < 0) {
                continue; // missing from a complete listing: looked up by id now and then
            }
            if (missing) {
                look.lookedUpMissing.add(w.uuid);
                LOG.debug("Task {} is not in the listing of consumption tasks: looking it up by id", w.uuid);
            }
            Task t = tasks.byUuid(w.uuid);
            if (t != null) {
                look.rows.put(w.uuid, t);
            }
        }
        for (Waiter w : live) {
            Task t = look.rows.get(w.uuid);
            if (t != null && !t.isTerminal()) {
                try {
                    w.orphans.check(t);
                } catch (PaperlessTaskOrphanedException e) {
                    look.orphaned.put(w, e);
                }
            }
        }
        return look;
    }

    /** Notes a waited task's completion (called holding the lock). */
    private void finished(Task row) {
        if (row.dateDone() == null) {
            return;
        }
        Instant done = row.dateDone().toInstant();
        if (!recentDone.isEmpty() && Duration.between(recentDone.peekLast(), done).compareTo(PACE_WINDOW) > 0) {
            recentDone.clear(); // an idle spell: the pace starts again
        }
        recentDone.addLast(done);
        while (recentDone.size() > PACE_SAMPLES) {
            recentDone.removeFirst();
        }
    }

    /** The mean time between the recent completions of waited tasks, or -1 when fewer than two are known. */
    private long meanGap() {
        if (recentDone.size() < 2) {
            return -1;
        }
        Instant first = recentDone.peekFirst();
        Instant last = first;
        for (Instant d : recentDone) {
            first = d.isBefore(first) ? d : first;
            last = d.isAfter(last) ? d : last;
        }
        return Duration.between(first, last).toNanos() / (recentDone.size() - 1);
    }

    private static long distinctTasks(List<Waiter> ws) {
        return ws.stream().map(w -> w.uuid).distinct().count();
    }

    private record Listing(List<Task> rows, boolean complete) {
    }

    /** The consumption tasks since {@code from}, as narrow as the server allows, or {@code null} to look up by id. */
    private Listing listing(Instant from) {
        if (listingRefused) {
            return null;
        }
        Query q = Query.create();
        boolean filters = tasks.hasTaskFilters();
        boolean queueOnly = !filters && System.nanoTime() - bigListingUntil < 0;
        if (filters) {
            q.set("task_type", "consume_file").set("date_created_after", from.toString()).set("ordering", "date_created");
            if (ApiVersions.isPaginated("tasks", client.requestedApiVersion())) {
                q.set("page_size", PAGE);
            }
        } else if (queueOnly) {
            q.set("task_name", "consume_file").set("status", "PENDING");
        } else {
            q.set("task_name", "consume_file").set("acknowledged", "false");
        }
        Page<Task> page;
        try {
            page = tasks.page(q, 1);
        } catch (PaperlessValidationException e) {
            listingRefused = true;
            LOG.warn("Paperless refused the task listing ({}): waits look their tasks up one by one from now on",
                    e.getMessage());
            return null;
        }
        if (!filters && !queueOnly && page.items().size() > LISTING_LIMIT) {
            bigListingUntil = System.nanoTime() + BIG_LISTING_PAUSE.toNanos();
            LOG.info("Paperless' list of unacknowledged consumption tasks has {} rows (Paperless-ngx 2.x cannot filter tasks"
                     + " by date): for the next {} min waits read the queue (status=PENDING) and look the others up by id"
                     + " (acknowledging old tasks in Paperless shrinks the list)", page.items().size(),
                    BIG_LISTING_PAUSE.toMinutes());
        }
        // the queue alone says nothing of started and finished tasks: those are looked up by id
        return new Listing(page.items(), filters ? !page.hasNext() : !queueOnly);
    }

    /** For tests: whether nothing waits. */
    boolean idle() {
        lock.lock();
        try {
            return waiters.isEmpty() && !polling;
        } finally {
            lock.unlock();
        }
    }
}
