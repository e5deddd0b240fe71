package io.github.camelpaperless.consumer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.camelpaperless.component.PaperlessComponent;
import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.support.FakeStore;
import io.github.camelpaperless.support.Fixtures;
import io.github.camelpaperless.support.OpenApiConformance;
import io.github.camelpaperless.support.Wait;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Camel instances (two CamelContexts in one JVM) share a file-based cluster lock (Camel's FileLockClusterService
 * with a ClusteredRoutePolicy, so one instance polls at a time) and a state file (SharedFileStateRepository, fenced).
 * Across a clean failover every document is processed once, and the new leader holds the position with a higher epoch.
 */
class ClusterFailoverTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(new FakeStore())).build();

    @TempDir
    Path tmp;

    final Map<String, CamelContext> contexts = new ConcurrentHashMap<>();
    final List<String> processed = new CopyOnWriteArrayList<>();
    final Map<String, Set<Long>> epochs = new ConcurrentHashMap<>();

    @AfterEach
    void stop() throws Exception {
        for (CamelContext c : contexts.values()) {
            c.stop();
        }
        OpenApiConformance.check(wm.getAllServeEvents());
    }

    private CamelContext instance(String name) throws Exception {
        CamelContext ctx = new DefaultCamelContext();
        ctx.getCamelContextExtension().setName(name);
        FileLockClusterService cluster = new FileLockClusterService();
        cluster.setId(name);
        cluster.setRoot(tmp.resolve("cluster").toString());
        cluster.setAcquireLockDelay(10, TimeUnit.MILLISECONDS);
        cluster.setAcquireLockInterval(100, TimeUnit.MILLISECONDS);
        ctx.addService(cluster);
        PaperlessComponent pc = new PaperlessComponent();
        pc.getConfiguration().setBaseUrl(wm.baseUrl());
        pc.getConfiguration().setToken("cluster-token");
        ctx.addComponent("paperless", pc);
        ctx.getRegistry().bind("state", new SharedFileStateRepository(tmp.resolve("state/paperless.properties")));
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("paperless:documents?startFrom=beginning&initialDelay=0&delay=50&maxMessagesPerPoll=2"
                     + "&stateRepository=#state&stateKey=export")
                        .routeId("export-" + name)
                        .routePolicy(policy())
                        .process(e -> {
                            processed.add(name + ":" + e.getMessage().getHeader(PaperlessConstants.ID));
                            epochs.computeIfAbsent(name, n -> new java.util.concurrent.ConcurrentSkipListSet<>())
                                    .add(e.getMessage().getHeader(PaperlessConstants.EPOCH, Long.class));
                        });
            }
        });
        ctx.start();
        contexts.put(name, ctx);
        return ctx;
    }

    private static ClusteredRoutePolicy policy() {
        try {
            return ClusteredRoutePolicy.forNamespace("paperless-export");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Set<Integer> ids() {
        Set<Integer> s = new HashSet<>();
        processed.forEach(p -> s.add(Integer.valueOf(p.substring(p.indexOf(':') + 1))));
        return s;
    }

    @Test
    void eachDocumentIsProcessedExactlyOnceAcrossAFailover() throws Exception {
        FakeStore.reset();
        wm.stubFor(get(urlPathMatching("/api/(documents/(\\d+/)?|tasks/)")).willReturn(aResponse().withTransformers(FakeStore.NAME)));
        wm.stubFor(get("/api/ui_settings/").willReturn(okJson(Fixtures.json("ui_settings"))));
        for (int i = 1; i <= 6; i++) {
            FakeStore.addDocument(i, "2026-11-20T10:0" + i + ":00Z");
        }
        instance("alpha");
        instance("beta");
        Wait.until(java.time.Duration.ofSeconds(20), () -> ids().size() == 6, "the first 6 documents");
        String leader = processed.get(0).substring(0, processed.get(0).indexOf(':'));
        // only the leader polled
        assertThat(processed).allMatch(p -> p.startsWith(leader + ":"));

        // the leader goes away; new documents arrive; the other instance takes over from the shared position
        contexts.remove(leader).stop();
        for (int i = 7; i <= 9; i++) {
            FakeStore.addDocument(i, "2026-11-20T10:0" + i + ":00Z");
        }
        Wait.until(java.time.Duration.ofSeconds(30), () -> ids().size() == 9, "all 9 documents after the failover");
        Thread.sleep(300); // a few more polls: nothing may come twice
        List<String> sorted = new ArrayList<>(processed);
        Collections.sort(sorted);
        assertThat(processed).hasSize(9);
        assertThat(ids()).hasSize(9);
        String follower = leader.equals("alpha") ? "beta" : "alpha";
        assertThat(processed.subList(6, 9)).allMatch(p -> p.startsWith(follower + ":"));
        // one epoch per leadership, the later one higher
        assertThat(epochs.get(leader)).hasSize(1);
        assertThat(epochs.get(follower)).hasSize(1);
        assertThat(epochs.get(follower).iterator().next()).isGreaterThan(epochs.get(leader).iterator().next());
    }
}
