package io.github.camelpaperless.lts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.camelpaperless.component.PaperlessComponent;
import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.consumer.AbstractPaperlessConsumer;
import io.github.camelpaperless.consumer.JdbcStateRepository;
import io.github.camelpaperless.support.FakeStore;
import io.github.camelpaperless.support.Fixtures;
import io.github.camelpaperless.support.Wait;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instances of the single-active recipe for a cluster service: each a CamelContext with the service, the shared fenced
 * position ({@link JdbcStateRepository} on one H2 database) and {@code paperless:documents} under
 * {@link ClusteredRoutePolicy}, against the fake Paperless; every emission recorded as name:id:redelivered:epoch. The
 * first instance to reach document 3 holds it in flight until {@link #release} (a leader that loses its leadership with
 * an exchange under way).
 */
abstract class ClusterRecipeSupport {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(new FakeStore())).build();

    final Map<String, CamelContext> contexts = new ConcurrentHashMap<>();
    /** name:id:redelivered:epoch per exchange, in order. */
    final List<String> seen = new CopyOnWriteArrayList<>();
    final AtomicBoolean held = new AtomicBoolean();
    final CountDownLatch inFlight = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stopInstances() throws Exception {
        release.countDown();
        for (CamelContext c : contexts.values()) {
            c.stop();
        }
    }

    /** The fake Paperless with documents 1..n. */
    void paperlessWith(int n) {
        FakeStore.reset();
        wm.stubFor(get(urlPathMatching("/api/(documents/(\\d+/)?|tasks/)")).willReturn(aResponse().withTransformers(FakeStore.NAME)));
        wm.stubFor(post("/api/documents/bulk_edit/").willReturn(aResponse().withTransformers(FakeStore.NAME)));
        wm.stubFor(get("/api/ui_settings/").willReturn(okJson(Fixtures.json("ui_settings"))));
        for (int i = 1; i <= n; i++) {
            add(i);
        }
    }

    static void add(int id) {
        FakeStore.addDocument(id, String.format("2026-11-20T10:%02d:00Z", id));
    }

    CamelContext instance(String name, CamelClusterService cluster, String database) throws Exception {
        CamelContext ctx = new DefaultCamelContext();
        ctx.getCamelContextExtension().setName(name);
        ctx.addService(cluster);
        PaperlessComponent pc = new PaperlessComponent();
        pc.getConfiguration().setBaseUrl(wm.baseUrl());
        pc.getConfiguration().setToken("cluster-token");
        ctx.addComponent("paperless", pc);
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1");
        ctx.getRegistry().bind("positions", new JdbcStateRepository(ds));
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() throws Exception {
                from("paperless:documents?startFrom=beginning&initialDelay=0&delay=100&maxMessagesPerPoll=2"
                     + "&stateRepository=#positions&stateKey=export&addTags=9")
                        .routeId("export")
                        .routePolicy(ClusteredRoutePolicy.forNamespace("paperless-export"))
                        .process(e -> {
                            int id = e.getMessage().getHeader(PaperlessConstants.ID, Integer.class);
                            seen.add(name + ":" + id + ":" + e.getMessage().getHeader(PaperlessConstants.REDELIVERED)
                                     + ":" + e.getMessage().getHeader(PaperlessConstants.EPOCH));
                            if (id == 3 && held.compareAndSet(false, true)) {
                                inFlight.countDown();
                                release.await(60, TimeUnit.SECONDS);
                            }
                        });
            }
        });
        ctx.start();
        contexts.put(name, ctx);
        return ctx;
    }

    /** What the new leader's takeover is measured by: who, how long after {@code lostAt} (seconds), its stored position. */
    record Takeover(String next, double seconds, String stored) {
    }

    /**
     * After the leader lost its leadership with document 3 in flight (document 7 added meanwhile): another instance
     * emits document 3 again, marked, then 7 and commits; then the old leader's exchange is released and it must
     * notice it was fenced without moving the stored position back.
     */
    Takeover awaitTakeoverThenReleaseTheOldLeader(String leader, long lostAt) throws InterruptedException {
        try {
            Wait.until(Duration.ofSeconds(30), () -> firstOtherThan(leader) != null, "another instance taking over");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; emissions " + seen + "; " + state(), e);
        }
        double seconds = (System.nanoTime() - lostAt) / 1e9;
        String next = firstOtherThan(leader);
        Wait.until(Duration.ofSeconds(15), () -> emitted(next, 7), next + " emitting document 7");
        assertThat(of(next).get(0)).as("the exchange in flight at the loss, emitted again and marked").startsWith("3:true:");
        JdbcStateRepository positions = positions(next);
        Wait.until(Duration.ofSeconds(5), () -> String.valueOf(positions.getState("export")).contains("10:07"),
                next + "'s commit of document 7");
        String stored = positions.getState("export");
        release.countDown();
        Wait.until(Duration.ofSeconds(10), () -> consumer(leader).fenced() != null, leader + " noticing it was fenced");
        return new Takeover(next, seconds, stored);
    }

    /** Each instance's route status and, where the service tells, its view of the election (for a failure message). */
    String state() {
        StringBuilder sb = new StringBuilder();
        contexts.forEach((name, ctx) -> {
            sb.append(name).append(": route ").append(ctx.getRouteController().getRouteStatus("export"));
            CamelClusterService cluster = ctx.hasService(CamelClusterService.class);
            if (cluster != null) {
                try {
                    var view = cluster.getView("paperless-export");
                    sb.append(", leader here ").append(view.getLocalMember().isLeader()).append(", members ")
                            .append(view.getMembers().stream().map(m -> m.getId()).toList());
                } catch (Exception e) {
                    sb.append(", view: ").append(e);
                }
            }
            sb.append("; ");
        });
        Thread.getAllStackTraces().forEach((t, st) -> {
            if (t.getName().startsWith("Curator-LeaderSelector") || t.getName().startsWith("zookeeper-rejoin")) {
                sb.append('\n').append(t.getName()).append(' ').append(t.getState());
                for (int i = 0; i < Math.min(8, st.length); i++) {
                    sb.append("\n    at ").append(st[i]);
                }
            }
        });
        return sb.toString();
    }

    List<String> of(String name) {
        return seen.stream().filter(s -> s.startsWith(name + ":")).map(s -> s.substring(name.length() + 1)).toList();
    }

    boolean emitted(String name, int id) {
        return of(name).stream().anyMatch(s -> s.startsWith(id + ":"));
    }

    /** The instance that emitted first after the given number of emissions, other than {@code not}. */
    String firstOtherThan(String not) {
        return seen.stream().filter(s -> !s.startsWith(not + ":")).findFirst().map(s -> s.split(":")[0]).orElse(null);
    }

    String holder() {
        return seen.stream().filter(s -> s.contains(":3:")).findFirst().orElseThrow().split(":")[0];
    }

    JdbcStateRepository positions(String name) {
        return contexts.get(name).getRegistry().lookupByNameAndType("positions", JdbcStateRepository.class);
    }

    AbstractPaperlessConsumer consumer(String name) {
        return (AbstractPaperlessConsumer) contexts.get(name).getRoute("export").getConsumer();
    }

    /**
     * Documents emitted other than once unmarked, plus at most once marked redelivered for {@code inFlight}: empty when
     * nothing was lost and every duplicate is marked.
     */
    List<String> wrongCounts(int documents, int... inFlight) {
        Map<Integer, int[]> counts = new LinkedHashMap<>();
        for (int i = 1; i <= documents; i++) {
            counts.put(i, new int[2]);
        }
        for (String s : seen) {
            String[] p = s.split(":");
            counts.computeIfAbsent(Integer.parseInt(p[1]), k -> new int[2])[Boolean.parseBoolean(p[2]) ? 1 : 0]++;
        }
        List<String> wrong = new ArrayList<>();
        counts.forEach((id, c) -> {
            boolean mayRepeat = java.util.Arrays.stream(inFlight).anyMatch(x -> x == id);
            if (c[0] != 1 || c[1] > (mayRepeat ? 1 : 0)) {
                wrong.add(id + ": " + c[0] + " unmarked, " + c[1] + " marked");
            }
        });
        return wrong;
    }

    int marked(int id) {
        return (int) seen.stream().filter(s -> s.split(":")[1].equals(String.valueOf(id)) && s.split(":")[2].equals("true")).count();
    }
}
