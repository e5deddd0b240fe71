package io.github.camelpaperless.springboot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.consumer.JdbcStateRepository;
import io.github.camelpaperless.support.FakeStore;
import io.github.camelpaperless.support.Fixtures;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The single-active recipe in its Spring Boot form (docs/consumers.md): camel-spring-boot's clustered route controller
 * from properties ({@code camel.clustered.controller.*}), the cluster service and the shared position as beans, the
 * route as any route. Two instances of the application (two Spring contexts on one cluster directory and one database):
 * only the leader polls; when it stops, the other takes over from its position — every document once.
 */
class ClusteredRecipeSpringBootTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(new FakeStore())).build();

    @TempDir
    Path dir;
    final List<Process> apps = new CopyOnWriteArrayList<>();

    /** The application (no component scan: the other test applications of this package stay out). */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    public static class App {
        /** The cluster service (any CamelClusterService; here the file lock of the recipe). */
        @Bean
        FileLockClusterService clusterService(@Value("${recipe.cluster-root}") String root) {
            FileLockClusterService cluster = new FileLockClusterService();
            cluster.setRoot(root);
            cluster.setAcquireLockDelay(100, TimeUnit.MILLISECONDS);
            cluster.setAcquireLockInterval(1, TimeUnit.SECONDS);
            cluster.setHeartbeatTimeoutMultiplier(3);
            return cluster;
        }

        /**
         * ...added to the CamelContext: the route controller is enabled by a CamelClusterService bean but looks for the
         * service among the context's services.
         */
        @Bean
        CamelContextConfiguration addClusterService(CamelClusterService cluster) {
            return new CamelContextConfiguration() {
                @Override
                public void beforeApplicationStart(CamelContext context) {
                    try {
                        context.addService(cluster);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public void afterApplicationStart(CamelContext context) {
                }
            };
        }

        /** The shared, fenced position on the application's DataSource. */
        @Bean
        JdbcStateRepository positions(DataSource dataSource) {
            return new JdbcStateRepository(dataSource);
        }

        @Bean
        DataSource dataSource(@Value("${recipe.jdbc-url}") String url) {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL(url);
            return ds;
        }

        @Bean
        RouteBuilder export(@Value("${spring.application.name}") String instance, @Value("${recipe.out}") String out) {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("paperless:documents?stateRepository=#positions&stateKey=export&startFrom=beginning&delay=200")
                            .routeId("export")
                            .process(e -> {
                                synchronized (App.class) {
                                    Files.writeString(Path.of(out), instance + ":" + e.getMessage().getHeader(PaperlessConstants.ID)
                                                                    + "\n", StandardOpenOption.APPEND, StandardOpenOption.CREATE);
                                }
                            });
                }
            };
        }

        /** An instance of the application in its own JVM (OS file locks do not exclude threads of one JVM). */
        public static void main(String[] args) {
            SpringApplication.run(App.class, args);
        }
    }

    /** Starts an instance in a child JVM on this test's class path; stopped with SIGTERM (Spring's shutdown hook). */
    Process instance(String name) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), App.class.getName()));
        Map.of("spring.application.name", name,
                "camel.component.paperless.base-url", wm.baseUrl(),
                "camel.component.paperless.token", "tok-cluster-SECRET",
                // the recipe: every auto-started route is clustered (under this namespace) by the route controller
                "camel.clustered.controller.enabled", "true",
                "camel.clustered.controller.namespace", "paperless-export",
                "camel.clustered.controller.initial-delay", "0s",
                "camel.main.run-controller", "true",
                "recipe.cluster-root", dir.resolve("cluster").toString(),
                "recipe.out", out().toString(),
                // one database both JVMs reach (H2's mixed mode; PostgreSQL or the like in production)
                "recipe.jdbc-url", "jdbc:h2:file:" + dir.resolve("positions").toAbsolutePath() + ";AUTO_SERVER=TRUE")
                .forEach((k, v) -> command.add("--" + k + "=" + v));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(name).toFile())).start();
        apps.add(p);
        return p;
    }

    /** An instance's output, kept under target/ for a look after a failure. */
    static Path log(String name) {
        try {
            return Files.createDirectories(Path.of("target", "cluster-recipe")).resolve(name + ".log");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    Path out() {
        return dir.resolve("emitted.txt");
    }

    List<String> seen() {
        try {
            return Files.exists(out()) ? Files.readAllLines(out()).stream().filter(l -> !l.isBlank()).toList() : List.of();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        apps.forEach(p -> p.destroyForcibly());
    }

    static void add(int id) {
        FakeStore.addDocument(id, String.format("2026-11-20T10:%02d:00Z", id));
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    static void waitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void onlyTheLeaderPollsAndTheOtherTakesOverFromItsPosition() throws Exception {
        Files.deleteIfExists(log("a"));
        Files.deleteIfExists(log("b"));
        FakeStore.reset();
        wm.stubFor(get(urlPathMatching("/api/(documents/(\\d+/)?|tasks/)")).willReturn(aResponse().withTransformers(FakeStore.NAME)));
        wm.stubFor(get("/api/ui_settings/").willReturn(okJson(Fixtures.json("ui_settings"))));
        for (int i = 1; i <= 3; i++) {
            add(i);
        }
        Process a = instance("a");
        waitUntil(() -> seen().size() == 3, "the leader emitting 1-3");
        instance("b");
        waitUntil(() -> read(log("b")).contains("Started ClusteredRecipeSpringBootTest.App"), "b started");
        add(4);
        waitUntil(() -> seen().size() == 4, "document 4");
        assertThat(seen()).as("only the leader emits").allMatch(s -> s.startsWith("a:"));

        a.destroy(); // SIGTERM, as in a rolling update: the leader goes away cleanly
        a.waitFor();
        add(5);
        add(6);
        waitUntil(() -> seen().size() == 6, "the other instance taking over");
        List<String> seen = seen();
        assertThat(seen.subList(4, 6)).containsExactly("b:5", "b:6");
        Map<String, Long> perDocument = seen.stream().collect(Collectors.groupingBy(s -> s.substring(2), Collectors.counting()));
        assertThat(perDocument).hasSize(6).allSatisfy((id, n) -> assertThat(n).as("emissions of " + id).isEqualTo(1));
    }
}
