package io.github.camelpaperless.consumer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.camelpaperless.component.PaperlessComponent;
import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.support.FakeStore;
import io.github.camelpaperless.support.Fixtures;
import io.github.camelpaperless.support.OpenApiConformance;
import io.github.camelpaperless.support.Wait;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A leader that froze with an exchange in flight (a long GC pause, SIGSTOP, a partition) while another instance took
 * over its position in a shared {@link JdbcStateRepository}: when it resumes, its exchange completes but its commit and
 * its after-success action are refused, it emits nothing more, and its health check says why. The new holder emitted
 * the frozen exchange's document again, marked redelivered; nothing is lost, nothing moves back.
 */
class FencedFailoverTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().extensions(new FakeStore())).build();

    final Map<String, CamelContext> contexts = new ConcurrentHashMap<>();
    /** name:id:redelivered:epoch per exchange, in order. */
    final List<String> seen = new CopyOnWriteArrayList<>();
    final CountDownLatch frozen = new CountDownLatch(1);

    @AfterEach
    void stop() throws Exception {
        frozen.countDown();
        for (CamelContext c : contexts.values()) {
            c.stop();
        }
        OpenApiConformance.check(wm.getAllServeEvents());
    }

    private CamelContext instance(String name, boolean freezeOnFirst) throws Exception {
        CamelContext ctx = new DefaultCamelContext();
        ctx.getCamelContextExtension().setName(name);
        PaperlessComponent pc = new PaperlessComponent();
        pc.getConfiguration().setBaseUrl(wm.baseUrl());
        pc.getConfiguration().setToken("cluster-token");
        ctx.addComponent("paperless", pc);
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:fenced-failover;DB_CLOSE_DELAY=-1");
        ctx.getRegistry().bind("positions", new JdbcStateRepository(ds));
        ctx.getRegistry().bind("meters", new SimpleMeterRegistry());
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("paperless:documents?startFrom=beginning&initialDelay=0&delay=50&maxMessagesPerPoll=3"
                     + "&stateRepository=#positions&stateKey=export&addTags=9")
                        .routeId("export")
                        .process(e -> {
                            seen.add(name + ":" + e.getMessage().getHeader(PaperlessConstants.ID) + ":"
                                     + e.getMessage().getHeader(PaperlessConstants.REDELIVERED) + ":"
                                     + e.getMessage().getHeader(PaperlessConstants.EPOCH));
                            if (freezeOnFirst) {
                                frozen.await(30, TimeUnit.SECONDS);
                            }
                        });
            }
        });
        ctx.start();
        contexts.put(name, ctx);
        return ctx;
    }

    private List<String> of(String name) {
        return seen.stream().filter(s -> s.startsWith(name + ":")).map(s -> s.substring(name.length() + 1)).toList();
    }

    private static AbstractPaperlessConsumer consumer(CamelContext ctx) {
        return (AbstractPaperlessConsumer) ctx.getRoute("export").getConsumer();
    }

    @Test
    void aFrozenLeaderThatResumesCannotCommitOverTheNewHolder() throws Exception {
        FakeStore.reset();
        wm.stubFor(get(urlPathMatching("/api/(documents/(\\d+/)?|tasks/)")).willReturn(aResponse().withTransformers(FakeStore.NAME)));
        wm.stubFor(post("/api/documents/bulk_edit/").willReturn(aResponse().withTransformers(FakeStore.NAME)));
        wm.stubFor(get("/api/ui_settings/").willReturn(okJson(Fixtures.json("ui_settings"))));
        for (int i = 1; i <= 4; i++) {
            FakeStore.addDocument(i, "2026-11-20T10:0" + i + ":00Z");
        }
        CamelContext alpha = instance("alpha", true);
        Wait.until(Duration.ofSeconds(10), () -> of("alpha").size() == 1, "alpha's first exchange");
        assertThat(of("alpha")).containsExactly("1:false:1");

        // alpha is frozen with document 1 in flight; beta is elected and takes the position over
        CamelContext beta = instance("beta", false);
        Wait.until(Duration.ofSeconds(10), () -> of("beta").size() == 4, "beta emitting the 4 documents");
        assertThat(of("beta")).containsExactly("1:true:2", "2:false:2", "3:false:2", "4:false:2");
        Wait.until(Duration.ofSeconds(5), () -> consumer(beta).watermark() != null
                                                && consumer(beta).watermark().startsWith("2026-11-20T10:04"), "beta's commits");
        String before = consumer(beta).watermark();
        JdbcStateRepository positions = beta.getRegistry().lookupByNameAndType("positions", JdbcStateRepository.class);
        String stored = positions.getState("export");

        // alpha resumes: its exchange completes, its commit and its addTags are refused, it emits nothing more
        frozen.countDown();
        AbstractPaperlessConsumer a = consumer(alpha);
        Wait.until(Duration.ofSeconds(5), () -> a.fenced() != null, "alpha noticing it was fenced");
        assertThat(positions.getState("export")).as("the stored position, untouched by alpha").isEqualTo(stored);
        assertThat(a.lag()).as("a fenced consumer reports no lag of its own").isNull();
        for (int i = 5; i <= 6; i++) {
            FakeStore.addDocument(i, "2026-11-20T10:0" + i + ":00Z");
        }
        Wait.until(Duration.ofSeconds(10), () -> of("beta").size() == 6, "beta emitting documents 5 and 6");
        Thread.sleep(300); // alpha's scheduler polls every 50 ms: several polls in which it must list nothing
        assertThat(of("alpha")).containsExactly("1:false:1");
        assertThat(of("beta")).endsWith("5:false:2", "6:false:2");
        assertThat(consumer(beta).watermark()).isGreaterThan(before).startsWith("2026-11-20T10:06");
        assertThat(consumer(beta).fenced()).isNull();
        // document 1 was tagged once, by beta
        wm.verify(1, postRequestedFor(urlPathEqualTo("/api/documents/bulk_edit/"))
                .withRequestBody(matchingJsonPath("$.documents[0]", equalTo("1"))));

        // alpha says why it stopped: health DOWN (readiness), the meter, the holder in the message
        HealthCheck.Result health = a.getHealthCheck().call(new HashMap<>());
        assertThat(health.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(health.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("taken over by beta/export")
                .contains("epoch 2").contains("holds epoch 1"));
        assertThat(health.getDetails()).containsEntry("paperless.epoch", 1L);
        SimpleMeterRegistry meters = alpha.getRegistry().lookupByNameAndType("meters", SimpleMeterRegistry.class);
        assertThat(meters.get("paperless.consumer.fenced").counter().count()).isEqualTo(1.0);
        assertThat(consumer(beta).getHealthCheck().call(new HashMap<>()).getState()).isEqualTo(HealthCheck.State.UP);

        // alpha's route started again (it is elected again): it takes over, beta is fenced in turn
        alpha.getRouteController().stopRoute("export");
        alpha.getRouteController().startRoute("export");
        assertThat(consumer(alpha).fenced()).isNull();
        FakeStore.addDocument(7, "2026-11-20T10:07:00Z");
        Wait.until(Duration.ofSeconds(10), () -> of("alpha").size() == 2, "alpha emitting document 7");
        assertThat(of("alpha")).containsExactly("1:false:1", "7:false:3");
        assertThat(of("beta")).hasSize(6);
    }
}
