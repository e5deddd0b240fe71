package io.github.camelpaperless.it.support;

import java.nio.file.Path;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Instances of an application as separate JVM processes (what several replicas are), and the real PostgreSQL they
 * share (started once per test JVM, stopped when it exits).
 */
public final class ChildJvms {

    private static EmbeddedPostgres postgres;

    private ChildJvms() {
    }

    public static synchronized EmbeddedPostgres postgres() throws Exception {
        if (postgres == null) {
            postgres = EmbeddedPostgres.builder().start();
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (Exception ignored) {
                    // the JVM exits
                }
            }));
        }
        return postgres;
    }

    /**
     * In a child: its CamelContext named {@code name}, with the paperless component on {@code url} (the token from the
     * environment variable {@code PAPERLESS_TOKEN}).
     */
    public static org.apache.camel.impl.DefaultCamelContext paperlessContext(String name, String url) {
        org.apache.camel.impl.DefaultCamelContext ctx = new org.apache.camel.impl.DefaultCamelContext();
        ctx.getCamelContextExtension().setName(name);
        io.github.camelpaperless.component.PaperlessComponent pc = new io.github.camelpaperless.component.PaperlessComponent();
        pc.getConfiguration().setBaseUrl(url);
        pc.getConfiguration().setToken(System.getenv("PAPERLESS_TOKEN"));
        ctx.addComponent("paperless", pc);
        return ctx;
    }

    /** In a child: the shared PostgreSQL on {@code port} of the test JVM. */
    public static javax.sql.DataSource postgresAt(int port) {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setServerNames(new String[] { "localhost" });
        ds.setPortNumbers(new int[] { port });
        ds.setDatabaseName("postgres");
        ds.setUser("postgres");
        return ds;
    }

    /** Starts {@code main} in a child JVM on this classpath, its output appended to {@code log}. */
    public static Process start(Class<?> main, Path log, Map<String, String> env, String... args) throws Exception {
        return start(main.getName(), System.getProperty("java.class.path"), log, env, args);
    }

    /** Starts {@code main} in a child JVM on {@code classpath} (another Camel line's), its output appended to {@code log}. */
    public static Process start(String main, String classpath, Path log, Map<String, String> env, String... args)
            throws Exception {
        String[] command = new String[args.length + 8];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        command[1] = "-Xmx128m";
        command[2] = "-XX:+UseSerialGC";
        command[3] = "-XX:TieredStopAtLevel=1";
        // its own log: to standard output, that is into {@code log}
        command[4] = "-Dlog4j2.configurationFile=" + Path.of(ChildJvms.class.getResource("/log4j2-child.properties").toURI());
        command[5] = "-cp";
        command[6] = classpath;
        command[7] = main;
        System.arraycopy(args, 0, command, 8, args.length);
        java.util.Set<Path> watched = WATCHED.get();
        if (watched != null) {
            watched.add(log.toAbsolutePath().getParent());
        }
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return pb.start();
    }

    /** A scenario's steps with child JVMs: may fail with an {@link AssertionError} (a timeout, a count). */
    @FunctionalInterface
    public interface Scenario {
        void run() throws Exception;
    }

    /** The folders of the children started by this thread's {@link #explained} scenario (their logs and outputs). */
    private static final ThreadLocal<java.util.Set<Path>> WATCHED = new ThreadLocal<>();

    /**
     * Runs a scenario with child JVMs; when it fails, the failure carries the tail of every file in the folders of the
     * children it started (what each instance emitted and logged) — a CI run leaves nothing else to read.
     */
    public static void explained(Scenario scenario) throws Exception {
        java.util.Set<Path> outer = WATCHED.get();
        java.util.Set<Path> dirs = new java.util.LinkedHashSet<>();
        WATCHED.set(dirs);
        try {
            scenario.run();
        } catch (AssertionError | Exception e) {
            StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
            dirs.forEach(d -> sb.append("\n==== ").append(d.getFileName()).append('\n').append(tails(d, 40)));
            throw new AssertionError(sb.toString(), e);
        } finally {
            WATCHED.set(outer);
        }
    }

    /** The last {@code lines} lines of a file (read leniently: a log may hold anything), or why it cannot be read. */
    public static String tail(Path file, int lines) {
        try {
            java.util.List<String> all = new String(java.nio.file.Files.readAllBytes(file),
                    java.nio.charset.StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The last {@code lines} lines of every file in {@code dir}, each under its name. */
    public static String tails(Path dir, int lines) {
        StringBuilder sb = new StringBuilder();
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                sb.append("---- ").append(f.getFileName()).append('\n').append(tail(f, lines)).append('\n');
            }
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            sb.append("(cannot read ").append(dir).append(": ").append(e.getMessage()).append(")\n");
        }
        return sb.toString();
    }

    /** Sends a signal ({@code STOP}, {@code CONT}) to a child. */
    public static void signal(Process p, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).inheritIO().start().waitFor();
        } catch (Exception e) {
            throw new IllegalStateException("kill -" + signal + " " + p.pid() + ": " + e.getMessage(), e);
        }
    }

    /** {@code kill -9}, and waits until it is gone. */
    public static void kill(Process p) {
        try {
            p.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
