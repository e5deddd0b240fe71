package io.github.camelpaperless.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelpaperless.client.Checksums;
import io.github.camelpaperless.client.Query;
import io.github.camelpaperless.client.model.Task;
import io.github.camelpaperless.component.PaperlessConstants;
import org.apache.camel.Exchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The books of one fault scenario on one real server: what went in (files, each with unique content), what Paperless
 * holds in the end (documents with each file's checksum), what the route saw (each exchange's outcome) — lost,
 * duplicated, and every failure with its reason. Waits on the server's state, never on a guessed sleep; appends its
 * figures to {@code target/fault-report.md}; purges what it created after the test.
 */
public final class FaultTally {

    private final String scenario;
    private final RealServer server;
    private final String prefix;
    private final Map<String, byte[]> files = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<String> outcomes = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> successes = new ConcurrentHashMap<>();
    private final Map<String, List<String>> failures = new ConcurrentHashMap<>();
    private final Map<String, String> uploadOutcomes = new ConcurrentHashMap<>();
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    private final java.util.Set<Integer> idsSeen = ConcurrentHashMap.newKeySet();
    private final long started = System.nanoTime();
    private Map<String, List<Integer>> documents = Map.of();

    public FaultTally(String scenario, RealServer server) {
        this.scenario = scenario;
        this.server = server;
        this.prefix = server.unique("fault");
        server.cleanup(this::purge);
    }

    /** The prefix of every file name of this scenario. */
    public String prefix() {
        return prefix;
    }

    /** A new text file of unique content (registered as put in), named {@code <prefix>-<n>.txt}. */
    public String newTextFile(int n) {
        String name = prefix + "-" + n + ".txt";
        files.put(name, (scenario + " " + name + " " + System.nanoTime() + "\nA text file to consume.\n")
                .getBytes(StandardCharsets.UTF_8));
        return name;
    }

    /** Registers a file made by the test (unique content). */
    public void put(String name, byte[] content) {
        files.put(name, content);
    }

    public byte[] content(String name) {
        return files.get(name);
    }

    public List<String> fileNames() {
        return new ArrayList<>(files.keySet());
    }

    /** Writes every file into a directory (for a file-drop route). */
    public void writeAll(Path dir) throws IOException {
        for (Map.Entry<String, byte[]> f : new ArrayList<>(files.entrySet())) {
            Path tmp = dir.resolve("." + f.getKey() + ".part");
            Files.write(tmp, f.getValue());
            Files.move(tmp, dir.resolve(f.getKey()));
        }
    }

    /**
     * The file-drop route a user writes, booking what it sees here: {@code threads} uploads at once with
     * {@code waitForCompletion}, Camel redelivery ({@code redeliveries}, 500 ms apart), each file moved to
     * {@code .done} when its exchange completed, left for the next poll when it failed.
     */
    public void fileDropRoute(org.apache.camel.CamelContext ctx, Path drop, int threads, int redeliveries,
                              String uploadOptions) throws Exception {
        FaultTally tally = this;
        ctx.addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(defaultErrorHandler().maximumRedeliveries(redeliveries).redeliveryDelay(500));
                onCompletion().onFailureOnly().process(tally::failed);
                from("file:" + drop + "?delay=200&move=.done&maxMessagesPerPoll=" + Math.max(30, files.size())
                     // idempotent: a file listed by one poll while its exchange completes (moved to .done) is
                     // not taken again by that poll (Camel's in-progress mark ends with the exchange)
                     + "&readLock=none&idempotent=true")
                        .threads(threads)
                        // a task checked once a second while waiting (the default; the tests' contexts use 250 ms)
                        .to("paperless:documents?operation=upload&waitForCompletion=true&pollInterval=1000" + uploadOptions)
                        .process(tally::succeeded);
            }
        });
    }

    /** Records what the route saw for one exchange of a file: a success when it completed without an exception. */
    public void saw(Exchange e) {
        if (e.getException() != null) {
            failed(e);
        } else {
            succeeded(e);
        }
    }

    /** An exchange of a file that reached the end of its route (a redelivery on the way may have recovered it). */
    public void succeeded(Exchange e) {
        String name = name(e);
        String upload = e.getMessage().getHeader(PaperlessConstants.UPLOAD_OUTCOME, String.class);
        countUpload(upload);
        successes.merge(name, 1, Integer::sum);
        Integer id = e.getMessage().getHeader(PaperlessConstants.ID, Integer.class);
        if (id != null) {
            idsSeen.add(id);
        }
        outcomes.add(name + ": ok, document " + e.getMessage().getHeader(PaperlessConstants.ID) + " (" + upload + ")");
    }

    /** An exchange of a file that failed (use in onCompletion().onFailureOnly()). */
    public void failed(Exchange e) {
        String name = name(e);
        Throwable failure = e.getException() != null ? e.getException() : e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        countUpload(e.getMessage().getHeader(PaperlessConstants.UPLOAD_OUTCOME, String.class));
        String reason = failure == null ? "unknown" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        failures.computeIfAbsent(name, k -> Collections.synchronizedList(new ArrayList<>())).add(reason);
        outcomes.add(name + ": failed: " + reason);
    }

    private void countUpload(String upload) {
        if (upload != null) {
            uploadOutcomes.merge(upload, "1", (a, b) -> String.valueOf(Integer.parseInt(a) + 1));
        }
    }

    private static String name(Exchange e) {
        String name = e.getMessage().getHeader(PaperlessConstants.FILE_NAME, String.class);
        return name != null ? name : e.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
    }

    /** A remark for the report (what the server did under the fault). */
    public void note(String remark) {
        notes.add(remark);
    }

    /** The documents holding each file's content, as Paperless has them now. */
    public Map<String, List<Integer>> countDocuments() {
        Map<String, List<Integer>> out = new TreeMap<>();
        for (Map.Entry<String, byte[]> f : new ArrayList<>(files.entrySet())) {
            Checksums sums = Checksums.of(f.getValue());
            String checksum = server.isV3() ? sums.sha256() : sums.md5();
            List<Integer> ids = new ArrayList<>();
            for (JsonNode d : server.client().<JsonNode> list("documents", Query.create().set("checksum__iexact", checksum)
                    .set("fields", "id"), server.client().type(JsonNode.class), 0)) {
                ids.add(d.path("id").asInt());
            }
            out.put(f.getKey(), ids);
        }
        documents = out;
        return out;
    }

    /**
     * Waits until Paperless holds a document for every file and has no unfinished consumption task for them (but the
     * {@code orphans}, which never finish): only then are the counts final.
     */
    public void awaitSettled(Duration max, List<String> orphans) {
        awaitSettled(max, () -> orphans);
    }

    /**
     * As {@link #awaitSettled(Duration, List)}, with the orphans found again at each look. Looks once a second, first at
     * the task list (one request), and counts the documents (a request per file) only when no task is left running — a
     * test must not load the small server it measures.
     */
    public void awaitSettled(Duration max, java.util.function.Supplier<List<String>> orphans) {
        Await.until(max, scenario + ": a document for each of " + files.size() + " files and no unfinished task", () -> {
            List<Task> running = unfinished(orphans.get());
            if (!running.isEmpty()) {
                pause();
                return running.size() + " unfinished tasks";
            }
            long missing = countDocuments().values().stream().filter(List::isEmpty).count();
            if (missing > 0) {
                pause();
            }
            return missing == 0 ? "settled" : missing + " files without a document";
        }, "settled"::equals);
    }

    private static void pause() {
        try {
            Thread.sleep(800); // the next look (Await adds 200 ms): once a second
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The consumption tasks of this scenario's files that are queued or running (but the given orphans). */
    public List<Task> unfinished(List<String> orphans) {
        List<Task> out = new ArrayList<>();
        for (Task t : server.client().tasks().list(Query.create(), 0)) {
            if (t.fileName() != null && t.fileName().startsWith(prefix) && !t.isTerminal()
                    && (orphans == null || !orphans.contains(t.taskId()))) {
                out.add(t);
            }
        }
        return out;
    }

    public int lost() {
        return (int) documents.values().stream().filter(List::isEmpty).count();
    }

    public int duplicated() {
        return documents.values().stream().mapToInt(l -> Math.max(0, l.size() - 1)).sum();
    }

    public int documentCount() {
        return documents.values().stream().mapToInt(List::size).sum();
    }

    public int exchangesSeen() {
        return successes.values().stream().mapToInt(Integer::intValue).sum()
               + failures.values().stream().mapToInt(List::size).sum();
    }

    public Map<String, List<String>> failures() {
        return failures;
    }

    /** The documents the route's successful exchanges named. */
    public List<Integer> documentIdsSeen() {
        return new ArrayList<>(idsSeen);
    }

    public Map<String, Integer> successes() {
        return successes;
    }

    /** Counts the documents, reports, and asserts: nothing lost, nothing doubled. */
    public void assertNothingLostOrDoubled() {
        countDocuments();
        report();
        assertThat(lost()).as(scenario + " on " + server + ": files without a document " + lostFiles()).isZero();
        assertThat(duplicated()).as(scenario + " on " + server + ": extra documents " + doubledFiles()).isZero();
    }

    private List<String> lostFiles() {
        return documents.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    private Map<String, List<Integer>> doubledFiles() {
        Map<String, List<Integer>> out = new TreeMap<>();
        documents.forEach((k, v) -> {
            if (v.size() > 1) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Appends this scenario's figures to target/fault-report.md and prints them. */
    public void report() {
        Map<String, Integer> reasons = new TreeMap<>();
        failures.values().forEach(list -> list.forEach(r -> reasons.merge(shorten(r), 1, Integer::sum)));
        String row = String.format("| %s | %s | %d files | %d documents | %d exchanges (%d ok, %d failed) | lost %d | "
                                   + "duplicated %d | %s | %s | %d s |",
                scenario, server.displayName(), files.size(), documentCount(), exchangesSeen(),
                successes.values().stream().mapToInt(Integer::intValue).sum(),
                failures.values().stream().mapToInt(List::size).sum(), lost(), duplicated(),
                uploadOutcomes.isEmpty() ? "-" : new TreeMap<>(uploadOutcomes).toString(),
                (reasons.isEmpty() ? "no failures" : reasons.toString()) + (notes.isEmpty() ? "" : "; " + String.join("; ", notes)),
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
        System.out.println("[fault] " + row);
        try {
            Path report = Paths.get("target", "fault-report.md");
            Files.createDirectories(report.getParent());
            Files.writeString(report, row + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("[fault] cannot write the report: " + e.getMessage());
        }
    }

    /** A failure reason without its ids, so that equal reasons count together. */
    static String shorten(String reason) {
        String r = reason.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<task>")
                .replaceAll("\\d+", "N");
        return r.length() > 140 ? r.substring(0, 140) + "…" : r;
    }

    /** Removes every document with the content of a file of this scenario (also from the trash). */
    private void purge() {
        List<Integer> ids = new ArrayList<>();
        countDocuments().values().forEach(ids::addAll);
        server.purge(ids);
    }
}
