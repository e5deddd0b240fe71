package io.github.camelpaperless.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelpaperless.client.PagedIterable;
import io.github.camelpaperless.client.UploadRequest;
import io.github.camelpaperless.client.UploadSource;
import io.github.camelpaperless.client.model.Document;
import io.github.camelpaperless.component.PaperlessEndpoint;
import io.github.camelpaperless.it.support.Await;
import io.github.camelpaperless.it.support.RealServer;
import io.github.camelpaperless.it.support.RealServerTest;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every code snippet of README.md and docs/: the Java ones compile (inside a RouteBuilder's configure, with the usual
 * imports), the README quick start runs against the real servers and does what it says, and the YAML routes run.
 */
class DocsSnippetsIT {

    /** A fenced snippet: where it is, its language and its text. */
    record Snippet(String file, int line, String lang, String code) {
        String where() {
            return file + ":" + line;
        }
    }

    static Path projectRoot() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("README.md"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    static List<Snippet> snippets(String lang) {
        Path root = projectRoot();
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Snippet> out = new ArrayList<>();
        Pattern fence = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL);
        for (Path f : files) {
            String text;
            try {
                text = Files.readString(f);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Matcher m = fence.matcher(text);
            while (m.find()) {
                if (m.group(1).equals(lang)) {
                    int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 2;
                    out.add(new Snippet(root.relativize(f).toString(), line, lang, m.group(2)));
                }
            }
        }
        return out;
    }

    private static final String IMPORTS = String.join("\n",
            "import java.nio.file.*;", "import java.time.*;", "import java.util.*;",
            "import java.util.concurrent.TimeUnit;", "import javax.sql.DataSource;",
            "import org.apache.camel.*;", "import org.apache.camel.builder.*;",
            "import org.apache.camel.component.file.cluster.FileLockClusterService;",
            "import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;",
            "import org.apache.camel.impl.cluster.ClusteredRoutePolicy;",
            "import org.apache.camel.component.platform.http.vertx.*;",
            "import io.github.camelpaperless.client.*;", "import io.github.camelpaperless.client.model.*;",
            "import io.github.camelpaperless.component.*;", "import io.github.camelpaperless.consumer.*;",
            "import io.github.camelpaperless.endpointdsl.*;", "import io.github.camelpaperless.componentdsl.*;",
            "import static io.github.camelpaperless.endpointdsl.builders.StaticEndpointBuilders.*;",
            "import static org.apache.camel.builder.endpoint.StaticEndpointBuilders.timer;",
            "import static org.apache.camel.builder.endpoint.StaticEndpointBuilders.direct;");

    /** The Java source of a snippet: its code inside configure() of a RouteBuilder. */
    static String source(String className, String code) {
        return "package snippets;\n" + IMPORTS + "\npublic class " + className
               + " extends RouteBuilder {\n@Override public void configure() throws Exception {\n"
               + "CamelContext context = getContext();\n" + code + "\n}\n}\n";
    }

    /** Compiles snippets into a directory; returns the compiler's errors, each with the snippet's file and line. */
    static List<String> compile(List<Snippet> snippets, Path out) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> units = new ArrayList<>();
        for (int i = 0; i < snippets.size(); i++) {
            String name = "Snippet" + i;
            String src = source(name, snippets.get(i).code());
            units.add(new SimpleJavaFileObject(URI.create("string:///snippets/" + name + ".java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return src;
                }
            });
        }
        Files.createDirectories(out);
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", out.toString(),
                    "-proc:none", "-Xlint:none");
            javac.getTask(null, fm, diagnostics, options, null, units).call();
        }
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                int index = Integer.parseInt(d.getSource().getName().replaceAll("\\D", ""));
                errors.add(snippets.get(index).where() + ": " + d.getMessage(Locale.ROOT));
            }
        }
        return errors;
    }

    @Test
    void everyJavaSnippetCompiles() throws Exception {
        List<Snippet> java = snippets("java");
        assertThat(java).hasSizeGreaterThan(50);
        assertThat(compile(java, Paths.get("target", "snippets"))).isEmpty();
    }

    /** Records what each paperless: step of a route returned. */
    static final class Results extends EventNotifierSupport {
        final List<Object> bodies = new CopyOnWriteArrayList<>();
        final String uriPart;

        Results(String uriPart) {
            this.uriPart = uriPart;
        }

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof CamelEvent.ExchangeSentEvent;
        }

        @Override
        public void notify(CamelEvent event) {
            CamelEvent.ExchangeSentEvent e = (CamelEvent.ExchangeSentEvent) event;
            if (e.getEndpoint() instanceof PaperlessEndpoint && e.getEndpoint().getEndpointUri().contains(uriPart)) {
                bodies.add(e.getExchange().getMessage().getBody());
            }
        }
    }

    /**
     * The README quick start, compiled from the README and run: its filter really selects the inbox documents. Both
     * versions: the Java DSL and the Endpoint DSL.
     */
    @RealServerTest
    void readmeQuickStartRunsAndItsFilterSelects(RealServer s) throws Exception {
        List<Snippet> quickStarts = snippets("java").stream().filter(x -> x.file().equals("README.md")).limit(2)
                .collect(Collectors.toList());
        assertThat(quickStarts).hasSize(2);
        assertThat(quickStarts.get(1).code()).contains("paperless(\"documents\")");

        JsonNode inboxTag = s.create("tags", "inbox", Map.of("is_inbox_tag", true));
        int inInbox = s.upload(new UploadRequest(UploadSource.of(s.unique("in inbox").getBytes(StandardCharsets.UTF_8)))
                .fileName("in.txt").tags(List.of(inboxTag.path("id").asInt())));
        int notInInbox = s.uploadText(s.unique("not in inbox"), s.unique("elsewhere"));
        // the server gives every new document the inbox tags: take this one out of the inbox
        s.client().documents().bulkEdit(io.github.camelpaperless.client.DocumentSelection.of(List.of(notInInbox)),
                "remove_tag", Map.of("tag", inboxTag.path("id").asInt()));
        // the quick start creates the tag "Tax 2026": make room for it and remove it afterwards
        for (JsonNode t : s.get("tags", io.github.camelpaperless.client.Query.create().set("name__iexact", "Tax 2026"))
                .path("results")) {
            s.send("DELETE", "tags/" + t.path("id").asInt(), null);
        }

        for (int k = 0; k < quickStarts.size(); k++) {
            runQuickStart(s, quickStarts.get(k), Paths.get("target", "snippets-readme-" + k + "-" + s.displayName()),
                    inInbox, notInInbox);
        }
    }

    private void runQuickStart(RealServer s, Snippet quickStart, Path out, int inInbox, int notInInbox)
            throws Exception {
        assertThat(compile(List.of(quickStart), out)).isEmpty();
        Results results = new Results("paperless://documents");
        CamelContext ctx = s.camel();
        ctx.getManagementStrategy().addEventNotifier(results);
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] { out.toUri().toURL() },
                getClass().getClassLoader())) {
            ctx.addRoutes((RoutesBuilder) loader.loadClass("snippets.Snippet0").getDeclaredConstructor().newInstance());
            // the timer fires once at start: every document in the inbox, none outside
            Await.until(Duration.ofSeconds(30), "the inbox listed", () -> !results.bodies.isEmpty());
            List<Integer> ids = new ArrayList<>();
            for (Object d : (PagedIterable<?>) results.bodies.get(0)) {
                ids.add(((Document) d).id());
            }
            assertThat(ids).contains(inInbox).doesNotContain(notInInbox);

            Object tag = ctx.createProducerTemplate().requestBody("direct:createTag", (Object) null);
            int created = s.client().mapper().valueToTree(tag).path("id").asInt();
            try {
                assertThat(s.get("tags/" + created).path("name").asText()).isEqualTo("Tax 2026");
            } finally {
                s.send("DELETE", "tags/" + created, null);
            }
        } finally {
            ctx.stop();
        }
    }

    /** Every YAML snippet is run by one of the YAML tests: the task watches or the README's inbox route. */
    @Test
    void everyYamlSnippetIsRun() {
        assertThat(snippets("yaml")).allSatisfy(x -> assertThat(x.code()).as(x.where())
                .containsAnyOf("paperless:tasks", "paperless:documents"));
    }

    /** The README's YAML inbox route, loaded as written: it lists the inbox documents and no others. */
    @RealServerTest
    void readmeYamlInboxRouteRunsAndItsFilterSelects(RealServer s) throws Exception {
        Snippet yaml = snippets("yaml").stream().filter(x -> x.file().equals("README.md")
                && x.code().contains("paperless:documents")).findFirst().orElseThrow();
        JsonNode inboxTag = s.create("tags", "inbox", Map.of("is_inbox_tag", true));
        int inInbox = s.upload(new UploadRequest(UploadSource.of(s.unique("yaml inbox").getBytes(StandardCharsets.UTF_8)))
                .fileName("in.txt").tags(List.of(inboxTag.path("id").asInt())));
        int notInInbox = s.uploadText(s.unique("yaml not in inbox"), s.unique("elsewhere"));
        s.client().documents().bulkEdit(io.github.camelpaperless.client.DocumentSelection.of(List.of(notInInbox)),
                "remove_tag", Map.of("tag", inboxTag.path("id").asInt()));
        Results results = new Results("paperless://documents");
        CamelContext ctx = s.camel();
        ctx.getManagementStrategy().addEventNotifier(results);
        try {
            PluginHelper.getRoutesLoader(ctx).loadRoutes(ResourceHelper.fromString("inbox.camel.yaml", yaml.code()));
            Await.until(Duration.ofSeconds(30), "the inbox listed", () -> !results.bodies.isEmpty());
            List<Integer> ids = new ArrayList<>();
            for (Object d : (PagedIterable<?>) results.bodies.get(0)) {
                ids.add(((Document) d).id());
            }
            assertThat(ids).contains(inInbox).doesNotContain(notInInbox);
        } finally {
            ctx.stop();
        }
    }

    /** The YAML routes (docs and the examples' route files) run as written, against the real servers. */
    @RealServerTest
    void yamlTaskWatchRunsAndAcknowledgesAFailedConsumption(RealServer s) throws Exception {
        List<String> yamls = new ArrayList<>();
        snippets("yaml").stream().filter(x -> x.code().contains("paperless:tasks")).forEach(x -> yamls.add(x.code()));
        try (Stream<Path> files = Files.list(projectRoot().resolve("camel-paperless-examples/src/main/resources/routes"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).collect(Collectors.toList())) {
                yamls.add(Files.readString(f));
            }
        }
        assertThat(yamls).hasSizeGreaterThanOrEqualTo(2);
        for (String yaml : yamls) {
            CamelContext ctx = s.camel();
            Properties p = new Properties();
            p.put("taskwatch.notify", "seda:notified");
            p.put("taskwatch.delay", "300");
            ctx.getPropertiesComponent().setOverrideProperties(p);
            // the docs' route polls every minute (the default): its endpoint, made before the route, polls faster
            ctx.getEndpoint("paperless://tasks?acknowledge=true&status=failure", PaperlessEndpoint.class).setDelay(300);
            PluginHelper.getRoutesLoader(ctx).loadRoutes(ResourceHelper.fromString("task-watch.camel.yaml", yaml));
            Thread.sleep(1500); // the consumer starts from now at its first poll

            // a consumption that fails: an archive serial number that is taken
            long asn = 100_000_000L + java.util.concurrent.ThreadLocalRandom.current().nextInt(800_000_000);
            s.upload(new UploadRequest(UploadSource.of(s.unique("asn owner").getBytes(StandardCharsets.UTF_8)))
                    .fileName("a.txt").archiveSerialNumber(asn));
            String failing = s.client().documents().upload(new UploadRequest(UploadSource.of(
                    s.unique("asn taken").getBytes(StandardCharsets.UTF_8))).fileName(s.unique("taken") + ".txt")
                    .archiveSerialNumber(asn), false);
            Await.until(Duration.ofSeconds(60), "the failed task notified", () -> {
                Object t = ctx.createConsumerTemplate().receiveBody("seda:notified", 200);
                return t instanceof io.github.camelpaperless.client.model.Task
                       && failing.equals(((io.github.camelpaperless.client.model.Task) t).taskId());
            });
            Await.until(Duration.ofSeconds(10), "the failed task acknowledged",
                    () -> s.client().tasks().byUuid(failing).acknowledged());
            ctx.stop();
        }
    }
}
