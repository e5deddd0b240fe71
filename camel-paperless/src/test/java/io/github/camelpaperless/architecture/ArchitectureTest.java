package io.github.camelpaperless.architecture;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.camelpaperless.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package rules, checked on the compiled classes: the client package knows no Camel (and none of the Camel glue),
 * the component does not depend on the consumers (consumers depend on the component), and the client really runs with
 * no Camel on the class path.
 */
class ArchitectureTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Path CLASSES = Paths.get("target", "classes", "io", "github", "camelpaperless");

    /** Classes of a package (and its sub-packages) whose bytes name one of the forbidden packages. */
    private static List<String> offenders(String pkg, String... forbidden) throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CLASSES.resolve(pkg))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String name : forbidden) {
                    if (bytes.contains(name)) {
                        out.add(CLASSES.relativize(f) + " uses " + name);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void theClientPackageKnowsNoCamel() throws Exception {
        assertThat(offenders("client", "org/apache/camel", "io/github/camelpaperless/component",
                "io/github/camelpaperless/consumer")).isEmpty();
    }

    /**
     * One transport: only {@code client/Transport} sends requests, decides retries and maps answers to exceptions (the
     * policy and the mapper themselves aside); everything else builds requests and reads results through it.
     */
    @Test
    void onlyTheTransportSendsRetriesAndMapsErrors() throws Exception {
        List<String> found = offenders("", "executeOpen", "shouldRetry", "delayBefore", "fromResponse", "fromIo",
                "fromRedirect");
        found.removeIf(o -> o.startsWith("client/Transport.class") || o.startsWith("client/RetryPolicy.class")
                            || o.startsWith("client/ErrorMapper.class"));
        assertThat(found).isEmpty();
        // and the search does see the transport's own calls
        assertThat(new String(Files.readAllBytes(CLASSES.resolve("client/Transport.class")), StandardCharsets.ISO_8859_1))
                .contains("executeOpen").contains("shouldRetryChecked");
    }

    /**
     * Micrometer and OpenTelemetry are optional: only the observability package names them, and it loads them only
     * when they are present (the client reports to its neutral {@code PaperlessObserver}).
     */
    @Test
    void onlyTheObservabilityPackageNamesTheOptionalLibraries() throws Exception {
        for (String pkg : List.of("client", "component", "consumer")) {
            assertThat(offenders(pkg, "io/micrometer", "io/opentelemetry")).as(pkg).isEmpty();
        }
        assertThat(offenders("observability", "io/micrometer")).isNotEmpty();
    }

    @Test
    void theComponentDoesNotDependOnTheConsumers() throws Exception {
        assertThat(offenders("component", "io/github/camelpaperless/consumer")).isEmpty();
    }

    /** The client with its own dependencies only (HttpClient 5, Jackson, SLF4J): no Camel jar on the class path. */
    @Test
    void theClientRunsWithoutCamelOnTheClassPath() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/tags/")).willReturn(okJson(Fixtures.page(1, null, null, Fixtures.json("tags")))
                .withHeader("X-Version", "3.0.5")));
        List<URL> urls = new ArrayList<>();
        urls.add(Paths.get("target", "classes").toUri().toURL());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Paths.get(entry).getFileName().toString();
            if (name.startsWith("httpclient5") || name.startsWith("httpcore5") || name.startsWith("jackson-")
                || name.startsWith("slf4j-api")) {
                urls.add(Paths.get(entry).toUri().toURL());
            }
        }
        try (URLClassLoader isolated = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
            assertThat(isolated.getResource("org/apache/camel/CamelContext.class")).as("no Camel on this class path").isNull();
            Class<?> configClass = isolated.loadClass("io.github.camelpaperless.client.PaperlessClientConfig");
            Object builder = configClass.getMethod("builder", String.class).invoke(null, wm.baseUrl());
            builder.getClass().getMethod("token", String.class).invoke(builder, "no-camel-token");
            Object config = builder.getClass().getMethod("build").invoke(builder);
            Class<?> clientClass = isolated.loadClass("io.github.camelpaperless.client.PaperlessClient");
            try (AutoCloseable client = (AutoCloseable) clientClass.getConstructor(configClass).newInstance(config)) {
                Object tags = clientClass.getMethod("tags").invoke(client);
                Method list = tags.getClass().getMethod("list");
                Iterable<?> all = (Iterable<?>) list.invoke(tags);
                List<Object> names = new ArrayList<>();
                for (Object t : all) {
                    names.add(t.getClass().getMethod("name").invoke(t));
                }
                assertThat(names).containsExactly("Inbox");
                assertThat(clientClass.getMethod("serverVersion").invoke(client)).isEqualTo("3.0.5");
            }
        }
        wm.verify(getRequestedFor(urlPathEqualTo("/api/tags/")).withHeader("Authorization", equalTo("Token no-camel-token")));
    }
}
