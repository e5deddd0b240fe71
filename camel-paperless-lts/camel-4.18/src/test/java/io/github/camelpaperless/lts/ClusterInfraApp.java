package io.github.camelpaperless.lts;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import org.apache.curator.test.TestingCluster;

/**
 * What the cluster services of {@link ClusterServiceApp} talk to, as its own JVM for the real-server suite: a real
 * three-node ZooKeeper ensemble (curator-test) or fabric8's mock Kubernetes API server (CRUD mode, the pods of the
 * Deployment created Ready in namespace {@code paperless}). Prints {@code READY <connect string or URL>}, then takes
 * commands on standard input, answering {@code DONE <command>}: {@code kill-node} (one ensemble node dies),
 * {@code ready <pod>}, {@code notready <pod>}, {@code delete <pod>}.
 * <p>
 * Arguments: {@code zookeeper}, or {@code kubernetes <pod>,<pod>,...}.
 */
public final class ClusterInfraApp {

    private ClusterInfraApp() {
    }

    public static void main(String[] args) throws Exception {
        TestingCluster ensemble = null;
        NamespacedKubernetesClient k8s = null;
        if (args[0].equals("zookeeper")) {
            ensemble = new TestingCluster(3);
            ensemble.start();
            System.out.println("READY " + ensemble.getConnectString());
        } else {
            KubernetesMockServer api = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                    new KubernetesCrudDispatcher(), false);
            api.init();
            k8s = api.createClient();
            for (String pod : args[1].split(",")) {
                pod(k8s, pod, true);
            }
            System.out.println("READY " + k8s.getMasterUrl());
        }
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String command; (command = in.readLine()) != null;) {
            String[] c = command.trim().split(" ");
            switch (c[0]) {
                case "kill-node" -> {
                    var node = ensemble.getInstances().iterator().next();
                    System.out.println("KILLING " + node.getConnectString());
                    ensemble.killServer(node);
                }
                case "ready" -> pod(k8s, c[1], true);
                case "notready" -> pod(k8s, c[1], false);
                case "delete" -> k8s.pods().inNamespace("paperless").withName(c[1]).delete();
                default -> {
                    System.out.println("UNKNOWN " + command);
                    continue;
                }
            }
            System.out.println("DONE " + command);
            System.out.flush();
        }
        System.exit(0);
    }

    static void pod(NamespacedKubernetesClient k8s, String name, boolean ready) {
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace("paperless")
                .addToLabels("app", "paperless-export").endMetadata()
                .withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus().build();
        k8s.pods().inNamespace("paperless").resource(pod).createOr(p -> p.update());
    }
}
