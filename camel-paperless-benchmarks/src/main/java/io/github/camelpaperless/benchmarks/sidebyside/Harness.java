package io.github.camelpaperless.benchmarks.sidebyside;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelpaperless.component.PaperlessComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The side-by-side benchmarks: a fast fake Paperless (its ceiling measured first), then every scenario for each
 * contender — a bare HttpClient 5 + Jackson loop, the client package, a Camel route, and pypaperless — each run in its
 * own process, interleaved, repeated; medians, spreads and ratios printed and written to
 * {@code target/side-by-side/results.md}; then the consumers' requests at rest.
 * <p>
 * {@code mvn -B -ntp -f camel-paperless-benchmarks exec:exec@side-by-side -Dbench.args="--reps 3"} (after
 * {@code mvn -B -ntp install -DskipTests}). Options: {@code --docs 100000 --reps 3 --uploads 5000 --download-mib 1024
 * --python auto|off --only iterate,upload,download,consumers --jfr true --real "URL|TOKEN,URL|TOKEN"
 * --real-uploads 100}.
 */
public final class Harness {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> CONTENDERS = List.of("bare", "client", "route", "pypaperless");
    /** Not a contender: the route's split over documents already in memory, to tell Camel's cost from ours. */
    static final String FLOOR = "camel-split";

    /** One scenario: what the worker runs, with which fake settings. */
    record Scenario(String name, String kind, long n, int size, int conc, long serverTimeMs, long workUs, String unit) {
        Scenario(String name, String kind, long n, int size, int conc, long serverTimeMs, String unit) {
            this(name, kind, n, size, conc, serverTimeMs, 0, unit);
        }

    }

    /** One contender's run of a scenario. */
    record Run(String scenario, String contender, double perSecond, long peakRssKb, long peakHeapKb, long requests,
               long bytesOut, String error) {
    }

    private final Map<String, String> opts;
    private final FakePaperless fake;
    private final List<Run> runs = new ArrayList<>();
    private final StringBuilder report = new StringBuilder();
    private String python;
    private String pythonNote;

    Harness(Map<String, String> opts, FakePaperless fake) {
        this.opts = opts;
        this.fake = fake;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int docs = Integer.parseInt(opts.getOrDefault("docs", "100000"));
        try (FakePaperless fake = new FakePaperless(docs, Integer.parseInt(opts.getOrDefault("tasks", "2000"))).start()) {
            Harness h = new Harness(opts, fake);
            Path out = Paths.get(opts.getOrDefault("out", "target/side-by-side"));
            Files.createDirectories(out);
            h.runAll();
            Files.writeString(out.resolve("results.md"), h.report.toString(), StandardCharsets.UTF_8);
            System.out.println(h.report);
            System.out.println("Written to " + out.resolve("results.md").toAbsolutePath());
        }
    }

    List<Run> runs() {
        return runs;
    }

    String report() {
        return report.toString();
    }

    void runAll() throws Exception {
        int reps = Integer.parseInt(opts.getOrDefault("reps", "3"));
        long uploads = Long.parseLong(opts.getOrDefault("uploads", "5000"));
        long downloadMib = Long.parseLong(opts.getOrDefault("download-mib", "1024"));
        String only = opts.getOrDefault("only", "iterate,upload,download,consumers");
        setUpPython();
        header(reps);

        List<Scenario> scenarios = new ArrayList<>();
        if (only.contains("iterate")) {
            scenarios.add(new Scenario("iterate " + fake.documents() + ", page 100", "iterate", fake.documents(), 100, 1, 0, "docs/s"));
            scenarios.add(new Scenario("iterate " + fake.documents() + ", page 1000", "iterate", fake.documents(), 1000, 1, 0, "docs/s"));
            // a real server spends tens to hundreds of ms on a page: what a route's read-ahead is for
            long some = Math.min(fake.documents(), Long.parseLong(opts.getOrDefault("slow-docs", "20000")));
            scenarios.add(new Scenario("iterate " + some + ", page 100, 20 ms server time per page", "iterate", some, 100, 1, 20,
                    "docs/s"));
            // ... and a route that does something with each document (here 0.2 ms of waiting, e.g. on another system)
            long fewer = some / 2;
            scenarios.add(new Scenario("iterate " + fewer + ", page 100, 20 ms server time per page, 0.2 ms work per document",
                    "iterate", fewer, 100, 1, 20, 200, "docs/s"));
        }
        if (only.contains("upload")) {
            scenarios.add(new Scenario(uploads + " × 21 B uploads, sequential", "upload", uploads, 21, 1, 0, "uploads/s"));
            scenarios.add(new Scenario(uploads + " × 21 B uploads, 8 at once", "upload", uploads, 21, 8, 0, "uploads/s"));
            scenarios.add(new Scenario(uploads + " × 21 B uploads, 8 at once, 20 ms server time", "upload", uploads, 21, 8, 20,
                    "uploads/s"));
        }
        if (only.contains("download")) {
            scenarios.add(new Scenario(downloadMib + " MiB download", "download", 1, 0, 1, 0, "MiB/s"));
            scenarios.add(new Scenario(downloadMib + " MiB upload from a file", "bigupload", downloadMib << 20, 0, 1, 0,
                    "MiB/s"));
        }
        fake.downloadBytes(downloadMib << 20);
        for (int rep = 0; rep < reps; rep++) {
            for (int si = 0; si < scenarios.size(); si++) {
                Scenario sc = scenarios.get(si);
                List<String> order = new ArrayList<>(CONTENDERS);
                if (sc.kind().equals("iterate") && sc.workUs() == 0) {
                    order.add(FLOOR); // Camel's own cost per split exchange, beside them
                }
                java.util.Collections.rotate(order, rep + si);
                for (String contender : order) {
                    Run r = run(sc, contender);
                    if (r != null) {
                        runs.add(r);
                        System.out.printf(Locale.ROOT, "rep %d  %-52s %-12s %,12.1f %s  rss %,d KB%s%n", rep + 1, sc.name(),
                                contender, r.perSecond(), sc.unit(), r.peakRssKb(), r.error() == null ? "" : "  " + r.error());
                    }
                }
            }
        }
        table(scenarios);
        floor(scenarios);
        if (only.contains("consumers")) {
            consumersAtRest();
        }
        if (opts.containsKey("real")) {
            // --real "http://127.0.0.1:8010|token,http://127.0.0.1:8009|token" (the lines start.sh prints)
            report.append("### Real servers: uploads with waitForCompletion through a route\n\n");
            report.append("| server | uploads | wall | per second | requests | in HTTP requests | waiting between task "
                          + "polls | component + Camel |\n|---|---|---|---|---|---|---|---|\n");
            for (String server : opts.get("real").split(",")) {
                String[] ut = server.split("\\|");
                report.append(RealServerRun.run(ut[0], ut[1], Integer.parseInt(opts.getOrDefault("real-uploads", "100"))));
            }
            report.append('\n');
        }
    }

    private void header(int reps) throws Exception {
        String camel;
        try (CamelContext c = new DefaultCamelContext()) {
            camel = c.getVersion();
        }
        report.append("## Side by side (one run of the harness on this machine)\n\n");
        report.append(String.format(Locale.ROOT, "%d cores, Java %s, Camel %s, HttpClient %s, %s; %d documents of ~1.2 KB; "
                                                 + "each contender in its own process (Java: -Xmx64m), %d interleaved "
                                                 + "repetitions, median (min–max).%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), camel,
                org.apache.hc.core5.util.VersionInfo.getSoftwareInfo("Apache-HttpClient", "org.apache.hc.client5",
                        org.apache.hc.client5.http.impl.classic.HttpClients.class),
                python == null ? "pypaperless: " + pythonNote : pythonNote, fake.documents(), reps));
        Ceiling.pages(fake, 100); // warm the fake's own code first
        Ceiling.uploads(fake, 2000);
        double c100 = Ceiling.pages(fake, 100);
        double c1000 = Ceiling.pages(fake, 1000);
        double up = Ceiling.uploads(fake, 2000);
        report.append(String.format(Locale.ROOT, "Fake server ceiling (one raw keep-alive socket, no client, no JSON): "
                                                 + "%,.0f docs/s at page 100, %,.0f docs/s at page 1000, %,.0f uploads/s.%n%n",
                c100, c1000, up));
    }

    /** Runs one contender once; null when it cannot run here (pypaperless without Python). */
    private Run run(Scenario sc, String contender) throws Exception {
        fake.uploadDelayMs(sc.kind().equals("upload") ? sc.serverTimeMs() : 0);
        fake.pageDelayMs(sc.kind().equals("iterate") ? sc.serverTimeMs() : 0);
        List<String> cmd = new ArrayList<>();
        if (contender.equals("pypaperless")) {
            if (python == null) {
                return null;
            }
            cmd.add(python);
            cmd.add(script().toString());
            cmd.add(fake.url());
            cmd.add("bench");
            cmd.add(sc.kind());
            if (sc.kind().equals("iterate")) {
                cmd.add(String.valueOf(sc.size()));
                cmd.add(String.valueOf(sc.n()));
                cmd.add(String.valueOf(sc.workUs()));
            } else if (sc.kind().equals("upload")) {
                cmd.addAll(List.of(String.valueOf(sc.n()), String.valueOf(sc.size()), String.valueOf(sc.conc())));
            } else if (sc.kind().equals("bigupload")) {
                cmd.add(Worker.bigFile(sc.n()).toAbsolutePath().toString());
            }
        } else {
            cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-Xmx" + opts.getOrDefault("xmx", "64m"));
            if ("true".equals(opts.get("jfr"))) {
                // a profile per contender and scenario, for jfr print / JDK Mission Control
                cmd.add("-XX:StartFlightRecording=settings=profile,filename=" + Paths.get(opts.getOrDefault("out",
                        "target/side-by-side"), contender + "-" + sc.kind() + "-" + sc.conc() + ".jfr").toAbsolutePath());
            }
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(Worker.class.getName());
            cmd.addAll(List.of("--contender", contender, "--scenario", sc.kind(), "--url", fake.url(), "--n",
                    String.valueOf(sc.n()), "--size", String.valueOf(sc.size()), "--conc", String.valueOf(sc.conc()),
                    // warm like a long-running application: the upload path needs a few thousand calls to be compiled
                    "--warm", sc.kind().equals("iterate") ? String.valueOf(sc.n()) : sc.kind().equals("upload")
                            ? opts.getOrDefault("warm-uploads", "5000") : "1",
                    // uploads that wait on the server are long and steady already: one pass
                    "--passes", sc.kind().equals("upload") && sc.serverTimeMs() > 0 ? "1" : opts.getOrDefault("passes", "3"),
                    "--work-us", String.valueOf(sc.workUs())));
        }
        fake.resetLog();
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Process p = pb.start();
        String result = null;
        StringBuilder tail = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                if (line.startsWith("RESULT ")) {
                    result = line.substring(7);
                } else {
                    tail.append(line).append('\n');
                    if (tail.length() > 4000) {
                        tail.delete(0, tail.length() - 4000);
                    }
                }
            }
        }
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        long[] totals = fake.totals();
        if (result == null) {
            String why = tail.toString().trim();
            why = why.substring(Math.max(0, why.length() - 300)).replace('\n', ' ');
            return new Run(sc.name(), contender, 0, -1, -1, totals[0], totals[1], "FAILED: " + why);
        }
        JsonNode j = JSON.readTree(result);
        double perSecond = j.path("perSecond").asDouble();
        if (sc.kind().equals("download") || sc.kind().equals("bigupload")) {
            perSecond = perSecond / 1048576.0; // bytes/s → MiB/s
        }
        return new Run(sc.name(), contender, perSecond, j.path("peakRssKb").asLong(), j.path("peakHeapKb").asLong(),
                totals[0], totals[1], null);
    }

    private void table(List<Scenario> scenarios) {
        report.append("| scenario | bare | client | route | pypaperless | client/bare | route/bare | client/pyp | route/pyp "
                      + "| peak RSS MB bare / client / route / pyp | route peak heap MB |\n");
        report.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Scenario sc : scenarios) {
            Map<String, double[]> s = new LinkedHashMap<>();
            Map<String, Long> rss = new LinkedHashMap<>();
            long routeHeap = 0;
            for (String c : CONTENDERS) {
                List<Run> rs = runs.stream().filter(r -> r.scenario().equals(sc.name()) && r.contender().equals(c)
                                                         && r.error() == null).toList();
                if (!rs.isEmpty()) {
                    double[] v = rs.stream().mapToDouble(Run::perSecond).sorted().toArray();
                    s.put(c, new double[] { v[v.length / 2], v[0], v[v.length - 1] });
                    rss.put(c, rs.stream().mapToLong(Run::peakRssKb).max().orElse(0) / 1024);
                    if (c.equals("route")) {
                        routeHeap = rs.stream().mapToLong(Run::peakHeapKb).max().orElse(0) / 1024;
                    }
                }
            }
            StringBuilder row = new StringBuilder("| " + sc.name() + " (" + sc.unit() + ")");
            for (String c : CONTENDERS) {
                double[] v = s.get(c);
                row.append(v == null ? " | —" : String.format(Locale.ROOT, " | %,.0f (%,.0f–%,.0f)", v[0], v[1], v[2]));
            }
            row.append(" | ").append(ratio(s, "client", "bare")).append(" | ").append(ratio(s, "route", "bare"))
                    .append(" | ").append(ratio(s, "client", "pypaperless")).append(" | ").append(ratio(s, "route", "pypaperless"));
            row.append(" | ");
            for (String c : CONTENDERS) {
                row.append(c.equals("bare") ? "" : " / ").append(rss.containsKey(c) ? rss.get(c) : "—");
            }
            row.append(" | ").append(routeHeap).append(" |\n");
            report.append(row);
        }
        List<Run> failed = runs.stream().filter(r -> r.error() != null).toList();
        if (!failed.isEmpty()) {
            report.append("\nFailed runs (not in the medians):\n");
            failed.forEach(r -> report.append("- ").append(r.scenario()).append(", ").append(r.contender()).append(": ")
                    .append(r.error()).append('\n'));
        }
        report.append('\n');
    }

    /**
     * What a route's {@code split(body()).streaming()} costs per document in Camel itself (measured over documents already
     * in memory), against the bare loop's time per document: the best ratio any component could reach in that route.
     */
    private void floor(List<Scenario> scenarios) {
        StringBuilder lines = new StringBuilder();
        for (Scenario sc : scenarios) {
            double split = median(sc, FLOOR);
            double bare = median(sc, "bare");
            double route = median(sc, "route");
            if (split <= 0 || bare <= 0 || route <= 0) {
                continue;
            }
            double splitUs = 1e6 / split;
            double bareUs = 1e6 / bare;
            double routeUs = 1e6 / route;
            lines.append(String.format(Locale.ROOT, "| %s | %,.0f | %.2f µs | %.2f µs | %.2f µs | %.2f µs | %.2f× | %.2f× |%n",
                    sc.name(), split, splitUs, bareUs, routeUs, routeUs - bareUs, bareUs / (bareUs + splitUs),
                    route / bare));
        }
        if (lines.length() > 0) {
            report.append("Camel's own cost: the route's `split(body()).streaming()` over documents already in memory (one page "
                          + "repeated, no HTTP, no component), median of the same repetitions:\n\n");
            report.append("| scenario | Camel split alone (docs/s) | per exchange | bare per document | route per document "
                          + "| route − bare | best route/bare with this split | route/bare |\n|---|---|---|---|---|---|---|---|\n");
            report.append(lines).append('\n');
        }
    }

    private double median(Scenario sc, String contender) {
        double[] v = runs.stream().filter(r -> r.scenario().equals(sc.name()) && r.contender().equals(contender)
                                               && r.error() == null).mapToDouble(Run::perSecond).sorted().toArray();
        return v.length == 0 ? 0 : v[v.length / 2];
    }

    private static String ratio(Map<String, double[]> s, String a, String b) {
        return s.containsKey(a) && s.containsKey(b) && s.get(b)[0] > 0
                ? String.format(Locale.ROOT, "%.2f×", s.get(a)[0] / s.get(b)[0]) : "—";
    }

    // ---- scenario 4: the consumers at rest, and a batch of new documents

    private void consumersAtRest() throws Exception {
        report.append("### Consumers at rest (route, delay 100 ms; requests and bytes the fake served)\n\n");
        report.append("| consumer | API | requests per idle poll | bytes per idle poll | 250 new documents: requests "
                      + "| 250 new documents: bytes |\n|---|---|---|---|---|---|\n");
        for (String api : List.of("10", "9")) {
            for (String resource : List.of("documents", "tasks")) {
                AtomicInteger emitted = new AtomicInteger();
                try (CamelContext ctx = new DefaultCamelContext()) {
                    PaperlessComponent pc = new PaperlessComponent();
                    pc.getConfiguration().setBaseUrl(fake.url());
                    pc.getConfiguration().setToken("bench");
                    pc.getConfiguration().setApiVersion(api);
                    ctx.addComponent("paperless", pc);
                    ctx.addRoutes(new RouteBuilder() {
                        @Override
                        public void configure() {
                            from("paperless:" + resource + "?delay=100&initialDelay=0&maxMessagesPerPoll=0")
                                    .process(e -> emitted.incrementAndGet());
                        }
                    });
                    ctx.start();
                    Thread.sleep(1000);
                    fake.resetLog();
                    Thread.sleep(2000);
                    Map<String, long[]> idle = fake.log();
                    long polls = idle.getOrDefault("GET /api/" + resource + "/", new long[3])[0];
                    long[] t = fake.totals();
                    String batchRequests = "—";
                    String batchBytes = "—";
                    if (resource.equals("documents")) {
                        int before = emitted.get();
                        fake.resetLog();
                        fake.add(250);
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                        while (emitted.get() < before + 250 && System.nanoTime() < deadline) {
                            Thread.sleep(20);
                        }
                        Thread.sleep(150); // the poll that finds nothing more
                        long[] b = fake.totals();
                        batchRequests = emitted.get() - before == 250 ? String.valueOf(b[0]) + " (incl. ~2 idle polls)"
                                : "only " + (emitted.get() - before) + " emitted";
                        batchBytes = String.format(Locale.ROOT, "%,d", b[1]);
                    }
                    report.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %,d | %s | %s |%n", resource, api,
                            polls == 0 ? 0.0 : (double) t[0] / polls, polls == 0 ? 0 : t[1] / polls, batchRequests, batchBytes));
                }
            }
        }
        report.append(String.format(Locale.ROOT, "%nThe fake holds %,d tasks: an API 9 task list cannot be paginated or "
                                                 + "filtered by date, so every poll reads all of them.%n%n", 
                Integer.parseInt(opts.getOrDefault("tasks", "2000"))));
    }

    // ---- pypaperless

    private Path script() {
        Path p = Paths.get("src/main/python/pyp_bench.py");
        return Files.exists(p) ? p.toAbsolutePath() : Paths.get("camel-paperless-benchmarks/src/main/python/pyp_bench.py").toAbsolutePath();
    }

    /** Finds Python >= 3.13 and installs pypaperless into a virtualenv under target/ (reused when present). */
    private void setUpPython() {
        if ("off".equals(opts.get("python"))) {
            pythonNote = "skipped (--python off)";
            return;
        }
        String version = opts.getOrDefault("pypaperless", "6.0.2");
        try {
            String py = System.getenv("BENCH_PYTHON");
            if (py == null) {
                File pyenv = new File(System.getProperty("user.home"), ".pyenv/versions");
                File[] vs = pyenv.listFiles((d, n) -> n.matches("3\\.(1[3-9]|[2-9]\\d)(\\.\\d+)?"));
                if (vs != null && vs.length > 0) {
                    java.util.Arrays.sort(vs, Comparator.comparing(File::getName));
                    py = new File(vs[vs.length - 1], "bin/python3").getPath();
                } else {
                    py = "python3";
                }
            }
            if (exec(List.of(py, "-c", "import sys; sys.exit(sys.version_info < (3, 13))")) != 0) {
                pythonNote = "skipped (no Python >= 3.13: set BENCH_PYTHON)";
                return;
            }
            Path venv = Paths.get("target/pyp-venv-" + version).toAbsolutePath();
            Path vpy = venv.resolve("bin/python");
            if (!Files.exists(vpy)) {
                if (exec(List.of(py, "-m", "venv", venv.toString())) != 0
                        || exec(List.of(vpy.toString(), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                                "pypaperless==" + version)) != 0) {
                    pythonNote = "skipped (could not install pypaperless " + version + " from PyPI)";
                    return;
                }
            }
            python = vpy.toString();
            pythonNote = "pypaperless " + version + " on Python "
                         + new String(new ProcessBuilder(python, "-c", "import platform; print(platform.python_version())")
                                 .start().getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException | InterruptedException e) {
            pythonNote = "skipped (" + e.getMessage() + ")";
        }
    }

    private static int exec(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(10, TimeUnit.MINUTES) ? p.exitValue() : -1;
    }
}
