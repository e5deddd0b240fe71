package io.github.camelpaperless.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The real Paperless-ngx servers the integration tests run against, found or started once per JVM.
 * <ol>
 * <li>{@code PAPERLESS_URL} and {@code PAPERLESS_TOKEN} set (environment or system properties
 * {@code paperless.it.url}/{@code paperless.it.token}): that one server. The tests <b>write to it</b> (objects and
 * documents named with a run prefix, removed afterwards).</li>
 * <li>Otherwise {@code ../shared/paperless-server} present: the servers it installs ({@code 3.0.5} on 8010 and
 * {@code 2.20.15} on 8009, see {@code paperless.it.servers}) are started by the tests with their e-mail settings
 * pointing at an in-process SMTP server (GreenMail), and stopped again at the end unless they were already running
 * with those settings (or {@code -Dpaperless.it.keepServers=true}).</li>
 * <li>Neither: every real-server test is skipped, with one line saying why.</li>
 * </ol>
 * A server that cannot be installed or started is reported loudly and its tests are aborted (shown as skipped, never
 * as passed); {@code -Dpaperless.it.require=true} turns that into a failure.
 */
public final class RealServers {

    /** Both managed servers, newest first: version and port. */
    static final String DEFAULT_SERVERS = "3.0.5:8010,2.20.15:8009";

    private static RealServers instance;

    private final List<RealServer> servers = new ArrayList<>();
    private final Map<String, String> problems = new java.util.LinkedHashMap<>();
    private final String skipReason;
    private final String runPrefix;
    private GreenMail mail;
    private Path serverScripts;
    private final List<String> startedHere = new ArrayList<>();
    private boolean startedRedis;

    public static synchronized RealServers get() {
        if (instance == null) {
            instance = new RealServers();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::shutdown, "real-servers-shutdown"));
        }
        return instance;
    }

    private RealServers() {
        this(setting("paperless.it.url", "PAPERLESS_URL"), setting("paperless.it.token", "PAPERLESS_TOKEN"), sharedDir(),
                System.getProperty("paperless.it.servers", DEFAULT_SERVERS), true, System.out::println);
    }

    /** Where the harness reports (the console; the harness' own test collects it). */
    private final java.util.function.Consumer<String> out;

    /** For the harness' own test: explicit settings, no in-process mail server, reports collected by {@code out}. */
    RealServers(String url, String token, Path shared, String serverSpecs, java.util.function.Consumer<String> out) {
        this(url, token, shared, serverSpecs, false, out);
    }

    private RealServers(String url, String token, Path shared, String serverSpecs, boolean withMail,
                        java.util.function.Consumer<String> out) {
        this.out = out;
        runPrefix = "it" + Long.toString(Instant.now().getEpochSecond(), 36).toLowerCase(Locale.ROOT);
        if (url != null && token != null) {
            servers.add(new RealServer(url.contains("://") ? url : "http://" + url, token, null, false, this));
            log("Real-server tests run against " + url + " (PAPERLESS_URL) and WRITE to it: objects named "
                + runPrefix + "-*, removed afterwards");
            skipReason = null;
        } else if (shared != null && Files.isExecutable(shared.resolve("paperless-server/start.sh"))) {
            serverScripts = shared.resolve("paperless-server");
            if (withMail) {
                startMail();
            }
            for (String spec : serverSpecs.split(",")) {
                String[] vp = spec.trim().split(":");
                startManaged(vp[0], Integer.parseInt(vp[1]));
            }
            skipReason = null;
        } else {
            skipReason = "no real Paperless-ngx server: ../shared/paperless-server is absent and PAPERLESS_URL / "
                         + "PAPERLESS_TOKEN are not set (set them to run the real-server tests against your own test server)";
            log("SKIPPED: " + skipReason);
        }
    }

    /** The servers that answered, in order. */
    public List<RealServer> servers() {
        return Collections.unmodifiableList(servers);
    }

    /** Servers that could not be installed or started: version to reason. */
    public Map<String, String> problems() {
        return Collections.unmodifiableMap(problems);
    }

    /** Why nothing runs, or {@code null}. */
    public String skipReason() {
        return skipReason;
    }

    /** A prefix unique to this run, for every object the tests create. */
    public String runPrefix() {
        return runPrefix;
    }

    /** The in-process mail server (SMTP for the servers' outgoing mail, IMAP for mail accounts), or null. */
    public GreenMail mail() {
        return mail;
    }

    static String setting(String property, String env) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    static Path sharedDir() {
        String prop = System.getProperty("paperless.shared.dir");
        if (prop != null && Files.isDirectory(Paths.get(prop))) {
            return Paths.get(prop).toAbsolutePath().normalize();
        }
        Path dir = Paths.get("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++) {
            Path candidate = dir.resolve("../shared").normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        return null;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // managed servers

    static int smtpPort() {
        return Integer.getInteger("paperless.it.smtpPort", 3025);
    }

    private void startMail() {
        mail = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(org.apache.camel.test.AvailablePortFinder.getNextAvailable(), "127.0.0.1",
                        ServerSetup.PROTOCOL_IMAP) });
        mail.start();
    }

    /** The settings the build gives each managed server (read at its start). */
    static Map<String, String> serverEnvironment() {
        return Map.of(
                "PAPERLESS_EMAIL_HOST", "127.0.0.1",
                "PAPERLESS_EMAIL_PORT", String.valueOf(smtpPort()),
                "PAPERLESS_EMAIL_FROM", "paperless@it.example",
                // mail accounts on loopback (the in-process IMAP server); 3.x blocks internal hosts by default
                "PAPERLESS_EMAIL_ALLOW_INTERNAL_HOSTS", "true",
                // the push consumer's webhook on loopback (the default of both versions, stated so it cannot change)
                "PAPERLESS_WEBHOOKS_ALLOW_INTERNAL_REQUESTS", "true");
    }

    private static Path serverHome() {
        String home = System.getenv("PAPERLESS_SERVER_HOME");
        if (home != null && !home.isBlank()) {
            return Paths.get(home);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Paths.get(xdg) : Paths.get(System.getProperty("user.home"), ".cache"))
                .resolve("paperless-server");
    }

    /**
     * Whether the running web server and worker of a version were started with {@link #serverEnvironment()}: the
     * worker's environment shows it; the web server (granian overwrites its own environment block with its process
     * title) is checked through the marker this class writes after a start, which names its pid.
     */
    private static boolean runningWithOurSettings(String version) {
        Path run = serverHome().resolve(version).resolve("run");
        try {
            String worker = Files.readString(run.resolve("worker.pid")).trim();
            byte[] env = Files.readAllBytes(Paths.get("/proc", worker, "environ"));
            List<String> vars = List.of(new String(env, StandardCharsets.UTF_8).split("\u0000"));
            for (Map.Entry<String, String> e : serverEnvironment().entrySet()) {
                if (!vars.contains(e.getKey() + "=" + e.getValue())) {
                    return false;
                }
            }
            String web = Files.readString(run.resolve("web.pid")).trim();
            return Files.isDirectory(Paths.get("/proc", web))
                   && Files.readString(run.resolve(MARKER)).trim().equals(marker(web));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static final String MARKER = "camel-paperless-it.marker";

    private static String marker(String webPid) {
        return webPid + " " + new java.util.TreeMap<>(serverEnvironment());
    }

    private static void writeMarker(String version) throws IOException {
        Path run = serverHome().resolve(version).resolve("run");
        Files.writeString(run.resolve(MARKER), marker(Files.readString(run.resolve("web.pid")).trim()));
    }

    private void startManaged(String version, int port) {
        Path logFile = Paths.get("target", "paperless-server-" + version + ".log").toAbsolutePath();
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(logFile.getParent());
            if (!redisAnswers()) {
                startedRedis = true;
            }
            boolean reuse = runningWithOurSettings(version);
            if (!reuse) {
                run(logFile, Duration.ofMinutes(2), serverScripts.resolve("stop.sh").toString(), version);
            }
            List<String> out = run(logFile, Duration.ofMinutes(Long.getLong("paperless.it.installMinutes", 25)),
                    serverScripts.resolve("start.sh").toString(), version, String.valueOf(port));
            String last = out.isEmpty() ? "" : out.get(out.size() - 1);
            String url = value(last, "PAPERLESS_URL");
            String token = value(last, "PAPERLESS_TOKEN");
            if (url == null || token == null) {
                throw new IllegalStateException("start.sh printed no PAPERLESS_URL/PAPERLESS_TOKEN (last line: " + last + ")");
            }
            if (!reuse) {
                startedHere.add(version);
                writeMarker(version);
            }
            ensureSearchIndex(version, logFile);
            servers.add(new RealServer(url, token, version, true, this));
            log(String.format("Paperless-ngx %s %s at %s in %d s (log: %s)", version, reuse ? "already running" : "started",
                    url, Duration.ofNanos(System.nanoTime() - t0).toSeconds(), logFile));
        } catch (Exception e) {
            String reason = e.getMessage() + " — see " + logFile;
            problems.put(version, reason);
            loud("Paperless-ngx " + version + " COULD NOT BE STARTED: its real-server tests are ABORTED, not passed.",
                    reason, tail(logFile, 15));
        }
    }

    /**
     * A freshly installed server has no search index directory until its worker consumes a first document; Paperless-ngx
     * 3.0.5's web server that looks for the index before then keeps an empty in-memory index until it restarts, and
     * full-text search finds nothing. Creating the (empty) index first, as {@code document_index reindex} does, gives the
     * server what an installed Paperless has.
     */
    private void ensureSearchIndex(String version, Path logFile) throws IOException, InterruptedException {
        Path base = serverHome().resolve(version);
        if (Files.isDirectory(base.resolve("data/index")) || !Files.isRegularFile(base.resolve("env.sh"))) {
            return;
        }
        // (3.0.5's reindex itself needs the directory to exist)
        run(logFile, Duration.ofMinutes(5), "bash", "-c", "mkdir -p \"$0/data/index\" && source \"$0/env.sh\" && cd \"$0/src/src\" && "
                                                          + "\"$0/venv/bin/python\" manage.py document_index reindex",
                base.toString());
        log("Paperless-ngx " + version + ": created its search index (document_index reindex)");
    }

    /** The AI client libraries the server imports when its AI is switched on ({@code install.sh} leaves them out). */
    static final List<String> AI_STACK = List.of("llama-index-core", "llama-index-llms-openai-like", "openai");

    private final Map<String, String> aiStack = new java.util.HashMap<>();

    /**
     * Makes a managed server's AI importable: installs {@link #AI_STACK} into its virtualenv with the pins of its
     * release ({@code constraints.lock.txt}) and the installer's own {@code uv}, once (the server imports them when a
     * request needs them, so no restart). No torch, no embedding models: enough for an OpenAI-compatible LLM.
     *
     * @return {@code null} when the libraries are importable, else why not (the AI end-to-end tests are then aborted
     *         with that reason, or fail with {@code -Dpaperless.it.require=true})
     */
    public synchronized String ensureAiStack(RealServer server) {
        if (!server.managed()) {
            return "the server at " + server.url() + " is not managed by the build: its AI settings are left alone";
        }
        return aiStack.computeIfAbsent(server.displayName(), this::installAiStack);
    }

    private String installAiStack(String version) {
        Path base = serverHome().resolve(version);
        Path python = base.resolve("venv/bin/python");
        Path logFile = Paths.get("target", "paperless-ai-stack-" + version + ".log").toAbsolutePath();
        String check = "import llama_index.llms.openai_like, openai";
        try {
            if (importable(logFile, python, check)) {
                return null;
            }
            Path uv = serverHome().resolve(".tools/bin/uv");
            List<String> cmd = new ArrayList<>(List.of(uv.toString(), "pip", "install", "-q", "--python", python.toString()));
            if (Files.isRegularFile(base.resolve("constraints.lock.txt"))) {
                cmd.addAll(List.of("-c", base.resolve("constraints.lock.txt").toString()));
            }
            cmd.addAll(AI_STACK);
            long t0 = System.nanoTime();
            run(logFile, Duration.ofMinutes(Long.getLong("paperless.it.installMinutes", 25)), cmd.toArray(new String[0]));
            if (importable(logFile, python, check)) {
                log(String.format("Paperless-ngx %s: installed its AI client libraries %s in %d s", version, AI_STACK,
                        Duration.ofNanos(System.nanoTime() - t0).toSeconds()));
                return null;
            }
        } catch (Exception e) {
            log("Paperless-ngx " + version + ": installing the AI libraries failed: " + e.getMessage());
        }
        String reason = "Paperless-ngx " + version + ": its AI client libraries " + AI_STACK
                        + " could not be installed (PyPI unreachable?) — see " + logFile;
        loud("AI END-TO-END TESTS ABORTED, not passed: " + reason, tail(logFile, 10));
        return reason;
    }

    private boolean importable(Path logFile, Path python, String imports) throws IOException, InterruptedException {
        try {
            return run(logFile, Duration.ofMinutes(1), python.toString(), "-c", imports + "; print('ok')").contains("ok");
        } catch (IllegalStateException e) {
            return false; // the import failed
        }
    }

    // ----------------------------------------------------------------------------------------------------------------
    // faults (../shared/paperless-server/fault.sh)

    /** A scenario run on one server. */
    @FunctionalInterface
    public interface Scenario {
        void run(RealServer server) throws Exception;
    }

    /**
     * Runs a scenario on every server <em>at once</em>, each on a thread of its own and followed by its clean-ups (the
     * fault suite: the servers are independent, so both run in the time of one). Skipped as {@link RealServerTest} is
     * without servers; a server that could not be started aborts the test after the others ran (a failure with
     * {@code -Dpaperless.it.require=true}). Failures name their server; the first is thrown with the others suppressed.
     */
    public static void onEachAtOnce(Scenario scenario) throws Exception {
        RealServers all = get();
        org.junit.jupiter.api.Assumptions.assumeTrue(all.skipReason() == null, all.skipReason());
        List<Thread> threads = new ArrayList<>();
        Map<String, Throwable> failures = new java.util.concurrent.ConcurrentSkipListMap<>();
        for (RealServer server : all.servers()) {
            Thread t = new Thread(() -> {
                try {
                    try {
                        scenario.run(server);
                    } finally {
                        server.runCleanups();
                    }
                } catch (org.opentest4j.TestAbortedException aborted) {
                    System.out.println("[real-server IT] " + server + ": " + aborted.getMessage());
                } catch (Throwable e) {
                    failures.put(server.displayName(), e);
                }
            }, "scenario-" + server.displayName());
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError(failures.entrySet().stream()
                    .map(e -> "[" + e.getKey() + "] " + e.getValue()).collect(java.util.stream.Collectors.joining("\n")));
            failures.values().forEach(error::addSuppressed);
            throw error;
        }
        if (!all.problems().isEmpty()) {
            String problem = "Paperless-ngx " + all.problems() + " could not be started";
            if (Boolean.getBoolean("paperless.it.require")) {
                throw new AssertionError(problem + " (-Dpaperless.it.require=true)");
            }
            throw new org.opentest4j.TestAbortedException(problem);
        }
    }

    /** Whether faults can be injected into this server: one the build started from ../shared/paperless-server. */
    boolean canInjectFaults(RealServer server) {
        return server.managed() && serverScripts != null && Files.isExecutable(serverScripts.resolve("fault.sh"));
    }

    /**
     * Injects a real fault: {@code fault.sh VERSION ACTION} ({@code worker-pause}, {@code worker-resume},
     * {@code worker-kill}, {@code web-pause}, {@code web-resume}, {@code web-kill}), or {@code --redis-kill} for
     * {@code action = "redis-kill"}.
     */
    synchronized void fault(String version, String action) {
        Path logFile = Paths.get("target", "paperless-faults.log").toAbsolutePath();
        try {
            if (action.equals("redis-kill")) {
                run(logFile, Duration.ofMinutes(1), serverScripts.resolve("fault.sh").toString(), "--redis-kill");
            } else {
                run(logFile, Duration.ofMinutes(1), serverScripts.resolve("fault.sh").toString(), version, action);
            }
        } catch (Exception e) {
            throw new IllegalStateException("fault.sh " + version + " " + action + " failed: " + e.getMessage(), e);
        }
    }

    /** What {@code fault.sh VERSION status} says: {@code web: running|paused|stopped} and {@code worker: ...}. */
    synchronized String faultStatus(String version) {
        Path logFile = Paths.get("target", "paperless-faults.log").toAbsolutePath();
        try {
            return String.join("\n", run(logFile, Duration.ofMinutes(1), serverScripts.resolve("fault.sh").toString(),
                    version, "status"));
        } catch (Exception e) {
            return "status unknown: " + e.getMessage();
        }
    }

    /** Brings back whatever of a server is not running ({@code start.sh}, with the build's settings). */
    synchronized void bringBack(String version, int port) {
        Path logFile = Paths.get("target", "paperless-faults.log").toAbsolutePath();
        try {
            run(logFile, Duration.ofMinutes(3), serverScripts.resolve("start.sh").toString(), version, String.valueOf(port));
            writeMarker(version); // a restarted web server has a new pid
        } catch (Exception e) {
            throw new IllegalStateException("start.sh " + version + " failed: " + e.getMessage() + " — see " + logFile, e);
        }
    }

    private static boolean redisAnswers() {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", 6379), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String value(String line, String key) {
        for (String part : line.trim().split("\\s+")) {
            if (part.startsWith(key + "=")) {
                return part.substring(key.length() + 1);
            }
        }
        return null;
    }

    /** Runs a script with the server environment; stdout lines are returned, everything is appended to the log. */
    private List<String> run(Path logFile, Duration timeout, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(serverEnvironment());
        pb.redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Path stdout = Files.createTempFile("paperless-server", ".out");
        pb.redirectOutput(stdout.toFile());
        Files.writeString(logFile, "\n$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        Process p = pb.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
        }
        List<String> lines = Files.readAllLines(stdout);
        Files.write(logFile, lines, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        Files.deleteIfExists(stdout);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(Paths.get(command[0]).getFileName() + " " + command[1] + " exited with "
                                            + p.exitValue());
        }
        return lines;
    }

    private void shutdown() {
        if (Boolean.getBoolean("paperless.it.keepServers")) {
            return;
        }
        for (String version : startedHere) {
            try {
                run(Paths.get("target", "paperless-server-" + version + ".log").toAbsolutePath(), Duration.ofMinutes(2),
                        serverScripts.resolve("stop.sh").toString(), version);
            } catch (Exception e) {
                System.err.println("[real-server IT] could not stop Paperless-ngx " + version + ": " + e.getMessage());
            }
        }
        if (startedRedis && !startedHere.isEmpty()) {
            try {
                run(Paths.get("target", "paperless-server-redis.log").toAbsolutePath(), Duration.ofMinutes(1),
                        serverScripts.resolve("stop.sh").toString(), "--redis");
            } catch (Exception e) {
                System.err.println("[real-server IT] could not stop redis: " + e.getMessage());
            }
        }
        if (mail != null) {
            mail.stop();
        }
    }

    private static String tail(Path file, int lines) {
        return ChildJvms.tail(file, lines);
    }

    private void log(String line) {
        out.accept("[real-server IT] " + line);
    }

    private void loud(String... lines) {
        String bar = "!".repeat(100);
        StringBuilder sb = new StringBuilder("\n").append(bar).append('\n');
        for (String l : lines) {
            sb.append("!! ").append(l.replace("\n", "\n!! ")).append('\n');
        }
        sb.append(bar).append('\n');
        out.accept(sb.toString());
    }
}
