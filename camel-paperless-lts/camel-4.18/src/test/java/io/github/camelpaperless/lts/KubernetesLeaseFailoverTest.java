package io.github.camelpaperless.lts;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.github.camelpaperless.consumer.JdbcStateRepository;
import io.github.camelpaperless.support.Wait;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The single-active recipe on a Kubernetes Lease (Camel's {@link KubernetesClusterService}, which resolves at 4.18
 * only), against fabric8's mock API server in CRUD mode: three pods share one position in a fenced
 * {@link JdbcStateRepository}. Camel's service deems a leader valid while its pod is Running and Ready, so the lease is
 * lost when the leader's pod turns NotReady (its node lost, a readiness probe failing) — here with an exchange in
 * flight: another pod takes the lease after {@code leaseDurationMillis} and the position over; the old leader's commit
 * and after-success action are refused. Then the old pod is Ready again and the new leader's pod goes away: the lease
 * comes back to it, and it continues from the new leader's position. Counted: every document once, the one in flight
 * a second time, marked.
 */
class KubernetesLeaseFailoverTest extends ClusterRecipeSupport {

    KubernetesMockServer api;
    NamespacedKubernetesClient k8s;

    @AfterEach
    void stopApi() throws Exception {
        stopInstances();
        if (k8s != null) {
            k8s.close();
        }
        if (api != null) {
            api.destroy();
        }
    }

    private void pod(String name, boolean ready) {
        ClusterInfraApp.pod(k8s, name, ready);
    }

    private void instance(String name) throws Exception {
        // the recipe's settings, shortened for the test (as the real-server suite's instances run them)
        instance(name, ClusterServiceApp.cluster("kubernetes:" + k8s.getMasterUrl(), name, "paperless-export"),
                "kubernetes-failover");
    }

    @Test
    void aLeaderWhosePodTurnsNotReadyLosesTheLeaseAndCannotCommitThenRegainsIt() throws Exception {
        paperlessWith(6);
        api = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        api.init();
        k8s = api.createClient();
        for (String name : List.of("alpha", "beta", "gamma")) {
            pod(name, true);
        }
        for (String name : List.of("alpha", "beta", "gamma")) {
            instance(name);
        }
        assertThat(inFlight.await(30, TimeUnit.SECONDS)).as("the leader reaching document 3").isTrue();
        String leader = holder();
        assertThat(seen).as("only the leader emits").allMatch(s -> s.startsWith(leader + ":"));

        // the leader's pod turns NotReady with document 3 in flight: the lease goes to another pod
        long lost = System.nanoTime();
        pod(leader, false);
        add(7);
        Takeover t = awaitTakeoverThenReleaseTheOldLeader(leader, lost);
        String next = t.next();
        JdbcStateRepository positions = positions(next);
        assertThat(positions.getState("export")).as("nothing moved back").isEqualTo(t.stored());
        assertThat(of(leader)).as("the old leader emitted nothing after losing the lease").hasSize(3);

        // regained: the old pod is Ready again, the new leader's pod and the third one go away
        pod(leader, true);
        String third = List.of("alpha", "beta", "gamma").stream().filter(n -> !n.equals(leader) && !n.equals(next))
                .findFirst().orElseThrow();
        for (String gone : List.of(next, third)) {
            k8s.pods().inNamespace("paperless").withName(gone).delete();
            contexts.remove(gone).stop();
        }
        add(8);
        Wait.until(Duration.ofSeconds(30), () -> emitted(leader, 8), leader + " regaining the lease and emitting document 8");
        assertThat(consumer(leader).fenced()).isNull();
        assertThat(of(leader)).as("continuing from the position the other pod left").hasSize(4).last().asString()
                .startsWith("8:false:");

        assertThat(wrongCounts(8, 3)).as("emissions " + seen).isEmpty();
        assertThat(marked(3)).isEqualTo(1);
        wm.verify(1, postRequestedFor(urlPathEqualTo("/api/documents/bulk_edit/"))
                .withRequestBody(matchingJsonPath("$.documents[0]", equalTo("3"))));
        System.out.printf("Kubernetes Lease: %s's pod NotReady, %s emitting %.1f s later; emissions %s%n", leader, next,
                t.seconds(), seen);
    }
}
