package io.github.camelpaperless.benchmarks.sidebyside;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelpaperless.client.DocumentSelection;
import io.github.camelpaperless.client.PaperlessClient;
import io.github.camelpaperless.client.PaperlessClientConfig;
import io.github.camelpaperless.client.Query;
import io.github.camelpaperless.client.model.Document;
import io.github.camelpaperless.component.PaperlessComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Ingestion side by side on a real Paperless-ngx (issue 23): Paperless' own consume folder, a camel-file route uploading
 * with {@code waitForCompletion} at several concurrencies, and pypaperless uploading and waiting as its docs show —
 * the same mixed files (text, PDF, PNG from {@code ../shared/samples}, each made unique), at each worker concurrency.
 * The harness restarts the server with the kit ({@code RP_CONSUMER=1 RP_WORKERS=n start.sh}) and puts a
 * {@link CountingProxy} between each HTTP contender and the server. Reports, per contender: time until every document
 * exists, documents/s, requests (task looks) and bytes sent/received, the client process' CPU time as a share of the wall
 * time, its peak RSS, and what happened to files that failed.
 * <pre>
 * mvn -f camel-paperless-benchmarks exec:exec@ingest -Dbench.args="--version 3.0.5 --port 8010 --files 60 --workers 1,4"
 * </pre>
 * Options: {@code --kit ../shared/paperless-server}, {@code --contenders consume,route,pypaperless},
 * {@code --conc 1,4,8} (route), {@code --pyp-conc 8}, {@code --python <python with pypaperless>}.
 */
public final class IngestBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IngestBench() {
    }

    record Row(String server, int workers, String contender, int files, int ok, int failed, double seconds, long requests,
            long taskRequests, long sent, long received, double cpuSeconds, long rssKb, String failures) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("route")) {
            route(args);
            return;
        }
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path kit = Paths.get(o.getOrDefault("kit", "../shared/paperless-server")).toAbsolutePath().normalize();
        if (!Files.exists(kit.resolve("start.sh"))) {
            kit = Paths.get("..", o.getOrDefault("kit", "../shared/paperless-server")).toAbsolutePath().normalize();
        }
        Path samples = kit.resolveSibling("samples");
        String version = o.getOrDefault("version", "3.0.5");
        String port = o.getOrDefault("port", version.startsWith("3") ? "8010" : "8009");
        int files = Integer.parseInt(o.getOrDefault("files", "60"));
        List<String> contenders = List.of(o.getOrDefault("contenders", "consume,route,pypaperless").split(","));
        String python = o.getOrDefault("python", "target/pyp-venv-6.0.2/bin/python");
        Path home = Paths.get(System.getenv().getOrDefault("PAPERLESS_SERVER_HOME",
                System.getProperty("user.home") + "/.cache/paperless-server"));
        List<Row> rows = new ArrayList<>();
        try {
            for (String w : o.getOrDefault("workers", "1").split(",")) {
                int workers = Integer.parseInt(w.trim());
                String[] server = restart(kit, version, port, Map.of("RP_CONSUMER", "1", "RP_WORKERS", Integer.toString(workers)));
                try (PaperlessClient c = new PaperlessClient(PaperlessClientConfig.builder(server[0]).token(server[1]).build());
                     CountingProxy proxy = new CountingProxy(server[0])) {
                    for (String contender : contenders) {
                        List<String> runs = new ArrayList<>();
                        if (contender.equals("route")) {
                            for (String conc : o.getOrDefault("conc", "1,4,8").split(",")) {
                                runs.add("route@" + conc.trim());
                            }
                        } else if (contender.equals("pypaperless")) {
                            if (!version.startsWith("3")) {
                                System.out.println("pypaperless 6.0.2 reads tasks as an API 10 page: not run on " + version);
                                continue;
                            }
                            runs.add("pypaperless@" + o.getOrDefault("pyp-conc", "8"));
                        } else {
                            runs.add(contender);
                        }
                        for (String run : runs) {
                            Row r = runOne(run, version, workers, files, samples, home, server, c, proxy, python);
                            System.out.println(r);
                            rows.add(r);
                        }
                    }
                }
            }
        } finally {
            restart(kit, version, port, Map.of());
        }
        System.out.println();
        System.out.println(table(rows));
    }

    static Row runOne(String run, String version, int workers, int n, Path samples, Path home, String[] server,
                      PaperlessClient c, CountingProxy proxy, String python) throws Exception {
        String prefix = "ing" + Long.toString(System.currentTimeMillis(), 36) + "-" + run.replaceAll("[^a-z0-9]", "");
        Path stage = Files.createDirectories(home.resolve(version).resolve("bench-stage").resolve(prefix));
        makeFiles(samples, stage, prefix, n);
        proxy.reset();
        Row r;
        try {
            if (run.equals("consume")) {
                r = consume(version, workers, n, stage, home.resolve(version).resolve("consume"), prefix, c);
            } else if (run.startsWith("route@")) {
                r = child(version, workers, run, n, List.of(javaCmd(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                        IngestBench.class.getName(), "route", proxy.url(), server[1], stage.toString(),
                        Integer.toString(n), run.substring(6)), proxy);
            } else {
                r = child(version, workers, run, n, List.of(python, pypScript().toString(), proxy.url(), server[1], "ingest",
                        stage.toString(), run.substring(run.indexOf('@') + 1)), proxy);
            }
        } finally {
            cleanup(c, prefix);
        }
        return r;
    }

    // ---- contenders

    /** Paperless' own consume folder: files moved in at once, done when every document exists. */
    static Row consume(String version, int workers, int n, Path stage, Path consume, String prefix, PaperlessClient c)
            throws Exception {
        Files.createDirectories(consume);
        List<Path> in = new ArrayList<>();
        try (var s = Files.list(stage)) {
            s.sorted().forEach(in::add);
        }
        long t0 = System.nanoTime();
        for (Path f : in) {
            Files.move(f, consume.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
        long deadline = t0 + TimeUnit.SECONDS.toNanos(30L * n);
        long count = 0;
        long end = t0;
        while (System.nanoTime() < deadline) {
            count = c.documents().page(Query.create().set("title__istartswith", prefix).set("page_size", 1), 1).count();
            end = System.nanoTime();
            if (count >= n) {
                break;
            }
            if (remaining(consume, prefix) == 0 && quietFor(c, prefix, count)) {
                break; // nothing left in the folder and nothing more arriving: the rest failed
            }
            Thread.sleep(250);
        }
        int left = remaining(consume, prefix);
        return new Row(version, workers, "consume folder", n, (int) count, n - (int) count, (end - t0) / 1e9, 0, 0, 0, 0,
                Double.NaN, -1, n - count == 0 ? "" : (n - count) + " not consumed, " + left + " left in the folder");
    }

    private static int remaining(Path consume, String prefix) throws IOException {
        try (var s = Files.list(consume)) {
            return (int) s.filter(p -> p.getFileName().toString().startsWith(prefix)).count();
        }
    }

    private static boolean quietFor(PaperlessClient c, String prefix, long count) throws InterruptedException {
        Thread.sleep(20_000);
        return c.documents().page(Query.create().set("title__istartswith", prefix).set("page_size", 1), 1).count() == count;
    }

    /** A contender in its own process, printing one {@code RESULT {json}} line. */
    static Row child(String version, int workers, String run, int n, List<String> cmd, CountingProxy proxy) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        JsonNode result = null;
        StringBuilder log = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    result = JSON.readTree(line.substring(7));
                } else if (log.length() < 20_000) {
                    log.append(line).append('\n');
                }
            }
        }
        p.waitFor();
        if (result == null) {
            throw new IllegalStateException(run + " printed no result:\n" + log);
        }
        return new Row(version, workers, run.replace("route@", "Camel route, ").replace("pypaperless@", "pypaperless 6.0.2, ")
                                         + (run.contains("@") ? " at once" : ""), n, result.path("ok").asInt(),
                result.path("failed").asInt(), result.path("seconds").asDouble(), proxy.requests.get(), proxy.taskRequests.get(),
                proxy.bytesSent.get(), proxy.bytesReceived.get(), result.path("cpuSeconds").asDouble(Double.NaN),
                result.path("peakRssKb").asLong(), result.path("failures").asText(""));
    }

    /** The route contender: a camel-file route as a user writes it, files deleted when their document exists. */
    static void route(String[] a) throws Exception {
        String url = a[1];
        String token = a[2];
        String inbox = a[3];
        int n = Integer.parseInt(a[4]);
        int conc = Integer.parseInt(a[5]);
        CountDownLatch all = new CountDownLatch(n);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        try (CamelContext ctx = new DefaultCamelContext()) {
            PaperlessComponent pc = new PaperlessComponent();
            pc.getConfiguration().setBaseUrl(url);
            pc.getConfiguration().setToken(token);
            ctx.addComponent("paperless", pc);
            ctx.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    onException(Exception.class).process(e -> {
                        failed.incrementAndGet();
                        all.countDown();
                    });
                    from("file:" + inbox + "?maxMessagesPerPoll=0&delay=200&delete=true&moveFailed=.failed"
                         + "&idempotent=true").routeId("ingest").autoStartup(false)
                            .threads(conc, conc)
                            .to("paperless:documents?operation=upload&waitForCompletion=true")
                            .process(e -> {
                                if (e.getMessage().getBody() instanceof Document) {
                                    ok.incrementAndGet();
                                } else {
                                    failed.incrementAndGet();
                                }
                                all.countDown();
                            });
                }
            });
            ctx.start();
            resetRss();
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            ctx.getRouteController().startRoute("ingest");
            all.await(30L * n, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = (cpuNanos() - cpu0) / 1e9;
            File[] failedFiles = new File(inbox, ".failed").listFiles();
            System.out.println("RESULT " + JSON.writeValueAsString(Map.of("ok", ok.get(), "failed", failed.get(), "seconds",
                    seconds, "cpuSeconds", cpu, "peakRssKb", peakRssKb(), "failures",
                    failed.get() == 0 ? "" : failed.get() + " moved to .failed with the reason in the log ("
                                             + (failedFiles == null ? 0 : failedFiles.length) + " there)")));
        }
    }

    // ---- files, clean-up, process facts

    /** n files: a third text, a third PDF, a third PNG, each made unique (a line, a trailing comment, a text chunk). */
    static void makeFiles(Path samples, Path stage, String prefix, int n) throws IOException {
        byte[] txt = Files.readAllBytes(samples.resolve("simple.txt"));
        byte[] pdf = Files.readAllBytes(samples.resolve("simple.pdf"));
        byte[] png = Files.readAllBytes(samples.resolve("simple.png"));
        for (int i = 0; i < n; i++) {
            String tag = prefix + " " + i;
            String name = prefix + "-" + i;
            switch (i % 3) {
                case 0 -> Files.write(stage.resolve(name + ".txt"),
                        concat(txt, ("\n" + tag + "\n").getBytes(StandardCharsets.UTF_8)));
                case 1 -> Files.write(stage.resolve(name + ".pdf"),
                        concat(pdf, ("\n%" + tag + "\n").getBytes(StandardCharsets.UTF_8)));
                default -> Files.write(stage.resolve(name + ".png"), pngWithText(png, tag));
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The PNG with a {@code tEXt} chunk before {@code IEND} (valid, different bytes, same picture). */
    static byte[] pngWithText(byte[] png, String text) {
        int iend = png.length - 12;
        byte[] data = ("Comment\0" + text).getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
        chunk.putInt(data.length).put("tEXt".getBytes(StandardCharsets.US_ASCII)).put(data);
        CRC32 crc = new CRC32();
        crc.update(chunk.array(), 4, 4 + data.length);
        chunk.putInt((int) crc.getValue());
        byte[] out = new byte[png.length + chunk.capacity()];
        System.arraycopy(png, 0, out, 0, iend);
        System.arraycopy(chunk.array(), 0, out, iend, chunk.capacity());
        System.arraycopy(png, iend, out, iend + chunk.capacity(), 12);
        return out;
    }

    /** Deletes the run's documents and empties them from the trash. */
    static void cleanup(PaperlessClient c, String prefix) {
        List<Integer> ids = new ArrayList<>();
        for (Document d : c.documents().list(Query.create().set("title__istartswith", prefix))) {
            ids.add(d.id());
        }
        if (!ids.isEmpty()) {
            c.documents().bulkEdit(DocumentSelection.of(ids), "delete", Map.of());
            c.send("POST", "trash", null, Map.of("documents", ids, "action", "empty"), c.type(JsonNode.class));
        }
    }

    /** stop.sh, then start.sh with these settings; returns {url, token} from the line start.sh prints last. */
    static String[] restart(Path kit, String version, String port, Map<String, String> env) throws Exception {
        run(kit, env, "stop.sh", version);
        String last = run(kit, env, "start.sh", version, port);
        String url = last.replaceAll(".*PAPERLESS_URL=(\\S+).*", "$1");
        String token = last.replaceAll(".*PAPERLESS_TOKEN=(\\S+).*", "$1");
        return new String[] { url, token };
    }

    private static String run(Path kit, Map<String, String> env, String script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", kit.resolve(script).toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(script + " failed:\n" + out);
        }
        String[] lines = out.split("\n");
        return lines[lines.length - 1];
    }

    private static String javaCmd() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path pypScript() {
        Path p = Paths.get("src/main/python/pyp_bench.py");
        return Files.exists(p) ? p.toAbsolutePath() : Paths.get("camel-paperless-benchmarks/src/main/python/pyp_bench.py").toAbsolutePath();
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void resetRss() {
        try {
            Files.writeString(Paths.get("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // not on Linux: the peak includes start-up
        }
    }

    private static long peakRssKb() {
        try {
            for (String l : Files.readAllLines(Paths.get("/proc/self/status"))) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            // not on Linux
        }
        return -1;
    }

    static String table(List<Row> rows) {
        StringBuilder b = new StringBuilder("| server | workers | contender | documents | time until all exist | documents/s "
                                            + "| vs consume folder | requests (task looks) | per document | sent | received "
                                            + "| client CPU / wall | peak RSS | failed |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            double base = rows.stream().filter(x -> x.server.equals(r.server) && x.workers == r.workers
                                                    && x.contender.equals("consume folder")).mapToDouble(x -> x.ok / x.seconds)
                    .findFirst().orElse(Double.NaN);
            double rate = r.ok / r.seconds;
            boolean http = !r.contender.equals("consume folder");
            b.append(String.format(Locale.ROOT, "| %s | %d | %s | %d/%d | %.1f s | %.3f | %.2f× | %s | %s | %s | %s | %s | %s | %s |%n",
                    r.server, r.workers, r.contender, r.ok, r.files, r.seconds, rate, rate / base,
                    http ? r.requests + " (" + r.taskRequests + ")" : "— (files moved into the folder)",
                    http ? String.format(Locale.ROOT, "%.2f", r.requests / (double) r.files) : "—",
                    http ? kb(r.sent) : "—", http ? kb(r.received) : "—",
                    Double.isNaN(r.cpuSeconds) ? "—" : String.format(Locale.ROOT, "%.1f s (%.1f %%)", r.cpuSeconds,
                            100 * r.cpuSeconds / r.seconds),
                    r.rssKb < 0 ? "—" : (r.rssKb / 1024) + " MB", r.failures.isEmpty() ? "0" : r.failures));
        }
        return b.toString();
    }

    private static String kb(long bytes) {
        return String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
    }
}
