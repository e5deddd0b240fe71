package io.github.camelpaperless.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What an application uploaded and has not seen through yet: for each upload, keyed by what makes it "the same file"
 * (see {@link #keyOf}), the time it was sent (the server's clock), the file name and — once the server answered — its
 * consumption task. A later upload of the same file finds the entry and takes over that task instead of sending the
 * bytes again while Paperless still queues or runs it (Paperless 3 accepts byte-identical files: a second upload is a
 * second document).
 * <p>
 * An entry lives until its upload is seen through: the caller {@link #complete completes} it when its work succeeded
 * (a Camel exchange: when it completed). A completed entry whose task finished is forgotten; one whose task still runs
 * (an upload that did not wait) is kept until the task finished. Entries older than {@link #RETENTION} are dropped,
 * and at most {@link #MAX_ENTRIES} are kept.
 * <p>
 * {@link #inMemory()} remembers for the life of the client (an exchange's redeliveries, a file picked up again);
 * {@link #stored(Store, String)} keeps the entries in a store that outlives the application (a restarted application
 * then finds what it sent before it stopped).
 */
public final class UploadLedger {

    /** How long an entry is kept at most (an upload that never completed). */
    public static final Duration RETENTION = Duration.ofDays(7);
    /** How many entries are kept at most (the oldest go first). */
    public static final int MAX_ENTRIES = 10_000;

    /** A key-value store that outlives the application (the component adapts Camel's {@code StateRepository}). */
    public interface Store {
        String get(String key);

        /** Stores a value; {@code null} or empty removes it. */
        void put(String key, String value);

        /**
         * Reads, changes and writes a value. Override it when several applications share the store: as one step for
         * all of them (otherwise two that record an upload at once can lose one of the entries). This default is one
         * step within this application only.
         */
        default void update(String key, java.util.function.UnaryOperator<String> change) {
            put(key, change.apply(get(key)));
        }
    }

    /**
     * One upload.
     *
     * @param key       what makes it the same file
     * @param fileName  the file name sent
     * @param sentAt    when it was sent, on the server's clock (compare with task dates)
     * @param taskId    its consumption task, {@code null} while the server's answer is unknown (the request failed
     *                  ambiguously)
     * @param completed whether the caller saw it through (its work succeeded)
     * @param recorded  when the entry was written, on our clock (for retention)
     */
    public record Entry(String key, String fileName, Instant sentAt, String taskId, boolean completed, Instant recorded) {

        Entry withTask(String task) {
            return new Entry(key, fileName, sentAt, task, completed, recorded);
        }

        Entry asCompleted() {
            return new Entry(key, fileName, sentAt, taskId, true, recorded);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;
    private final String storeKey;
    private final Map<String, Entry> memory;
    private final Object storeLock = new Object();
    private final Map<String, ReentrantLock> keyLocks = new ConcurrentHashMap<>();

    private UploadLedger(Store store, String storeKey) {
        this.store = store;
        this.storeKey = storeKey;
        this.memory = store == null ? new ConcurrentHashMap<>() : null;
    }

    /** Entries in memory, for the life of the ledger. */
    public static UploadLedger inMemory() {
        return new UploadLedger(null, null);
    }

    /** Entries in a store (every read goes to the store, so applications sharing it see each other's uploads). */
    public static UploadLedger stored(Store store, String storeKey) {
        if (store == null || storeKey == null || storeKey.isBlank()) {
            throw new IllegalArgumentException("A stored upload ledger needs a store and a key");
        }
        return new UploadLedger(store, storeKey);
    }

    /** Whether entries outlive the application. */
    public boolean isPersistent() {
        return store != null;
    }

    /**
     * The default identity of an upload: the content's SHA-256 and the file name (the same bytes under another name are
     * another file). An idempotency key given by the caller replaces it.
     */
    public static String keyOf(Checksums checksums, String fileName, String idempotencyKey) {
        return keyOf(() -> checksums.sha256(), fileName, idempotencyKey);
    }

    /** As {@link #keyOf(Checksums, String, String)}; the SHA-256 is asked for only without an idempotency key. */
    public static String keyOf(java.util.function.Supplier<String> sha256, String fileName, String idempotencyKey) {
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            return "key:" + idempotencyKey;
        }
        return "sha256:" + sha256.get() + ":" + (fileName == null ? "" : fileName);
    }

    /**
     * Runs {@code work} while holding this key in this JVM: two uploads of the same file at once are decided one after
     * the other (the second finds the first's entry).
     */
    public <R> R withKey(String key, java.util.function.Supplier<R> work) {
        ReentrantLock lock = keyLocks.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
            if (!lock.hasQueuedThreads()) {
                keyLocks.remove(key, lock);
            }
        }
    }

    /** The entry of a key, or {@code null}. */
    public Entry find(String key) {
        if (memory != null) {
            return memory.get(key);
        }
        synchronized (storeLock) {
            return read().get(key);
        }
    }

    /** Records that an upload is being sent (no task yet). */
    public Entry sending(String key, String fileName, Instant serverTime) {
        Entry e = new Entry(key, fileName, serverTime, null, false, Instant.now());
        put(e);
        return e;
    }

    /** Records the task the server answered for an upload. */
    public void sent(String key, String taskId) {
        update(key, e -> e.withTask(taskId));
    }

    /** Records a task taken over from the server's task list for an entry that had none. */
    public void adopted(Entry entry, String taskId) {
        if (entry.taskId() == null || !entry.taskId().equals(taskId)) {
            put(entry.withTask(taskId));
        }
    }

    /**
     * The caller saw the upload through. With {@code taskFinished} the entry is forgotten; otherwise it is kept, marked
     * completed, until a later look finds its task finished.
     */
    public void complete(String key, boolean taskFinished) {
        if (taskFinished) {
            forget(key);
        } else {
            update(key, Entry::asCompleted);
        }
    }

    public void forget(String key) {
        if (memory != null) {
            memory.remove(key);
            return;
        }
        change(all -> all.remove(key));
    }

    /** How many entries are kept now. */
    public int size() {
        if (memory != null) {
            return memory.size();
        }
        synchronized (storeLock) {
            return read().size();
        }
    }

    private void update(String key, java.util.function.UnaryOperator<Entry> change) {
        if (memory != null) {
            memory.computeIfPresent(key, (k, e) -> change.apply(e));
            return;
        }
        change(all -> all.computeIfPresent(key, (k, e) -> change.apply(e)));
    }

    private void put(Entry e) {
        if (memory != null) {
            memory.put(e.key(), e);
            if (memory.size() > MAX_ENTRIES) {
                prune(memory);
            }
            return;
        }
        change(all -> all.put(e.key(), e));
    }

    /** One change of the stored entries: read, changed and written as one step of the store (see {@link Store#update}). */
    private void change(java.util.function.Consumer<Map<String, Entry>> edit) {
        synchronized (storeLock) {
            store.update(storeKey, value -> {
                Map<String, Entry> all = parse(value);
                edit.accept(all);
                return serialize(all);
            });
        }
    }

    /**
     * Drops entries past {@link #RETENTION} and, beyond {@link #MAX_ENTRIES}, the oldest down to 90 % of it (so that a
     * full ledger is not sorted at every upload).
     */
    private static void prune(Map<String, Entry> all) {
        Instant horizon = Instant.now().minus(RETENTION);
        all.values().removeIf(e -> e.recorded().isBefore(horizon));
        if (all.size() > MAX_ENTRIES) {
            List<Entry> oldest = new ArrayList<>(all.values());
            oldest.sort(Comparator.comparing(Entry::recorded));
            int drop = oldest.size() - MAX_ENTRIES * 9 / 10;
            for (int i = 0; i < drop; i++) {
                all.remove(oldest.get(i).key());
            }
        }
    }

    private Map<String, Entry> read() {
        return parse(store.get(storeKey));
    }

    private Map<String, Entry> parse(String value) {
        Map<String, Entry> out = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return out;
        }
        try {
            JSON.readTree(value).fields().forEachRemaining(f -> {
                JsonNode n = f.getValue();
                out.put(f.getKey(), new Entry(f.getKey(), n.path("file").asText(null),
                        n.hasNonNull("sent") ? Instant.parse(n.get("sent").asText()) : null,
                        n.path("task").asText(null), n.path("completed").asBoolean(false),
                        n.hasNonNull("recorded") ? Instant.parse(n.get("recorded").asText()) : Instant.now()));
            });
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the upload ledger stored under '" + storeKey
                                            + "' (remove it from the state repository to start afresh): " + e.getMessage(), e);
        }
        return out;
    }

    /** The stored form of the entries, pruned; empty when there are none. */
    private static String serialize(Map<String, Entry> all) {
        prune(all);
        if (all.isEmpty()) {
            return "";
        }
        ObjectNode root = JSON.createObjectNode();
        all.forEach((k, e) -> {
            ObjectNode n = root.putObject(k);
            n.put("file", e.fileName());
            n.put("sent", e.sentAt() == null ? null : e.sentAt().toString());
            n.put("task", e.taskId());
            n.put("completed", e.completed());
            n.put("recorded", e.recorded().toString());
        });
        return root.toString();
    }

    @Override
    public String toString() {
        return "UploadLedger[" + (store == null ? "in memory" : "stored under " + storeKey) + "]";
    }
}
