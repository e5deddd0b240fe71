package io.github.camelpaperless.benchmarks.sidebyside;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import io.github.camelpaperless.component.PaperlessComponent;
import io.github.camelpaperless.component.PaperlessConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Scenario 5: uploads with {@code waitForCompletion=true} through a route against a real Paperless-ngx, and where the
 * time goes: in HTTP requests (the server answering), in the waits between task polls (the server consuming), and the
 * rest — the component and Camel. Each document is deleted afterwards (and the trash emptied).
 */
final class RealServerRun {

    private RealServerRun() {
    }

    static String run(String url, String token, int uploads) throws Exception {
        AtomicLong httpNanos = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        AtomicLong taskPolls = new AtomicLong();
        long pollInterval = 250;
        try (CamelContext ctx = new DefaultCamelContext()) {
            PaperlessComponent pc = new PaperlessComponent();
            pc.getConfiguration().setBaseUrl(url);
            pc.getConfiguration().setToken(token);
            pc.getConfiguration().setPollInterval(pollInterval);
            // time every HTTP exchange of the component's own client
            pc.getConfiguration().setClient(new io.github.camelpaperless.client.PaperlessClient(
                    io.github.camelpaperless.client.PaperlessClientConfig.builder(url).token(token)
                            .httpClientCustomizer(b -> b.addExecInterceptorFirst("bench-timer", (request, scope, chain) -> {
                                long t0 = System.nanoTime();
                                try {
                                    return chain.proceed(request, scope);
                                } finally {
                                    httpNanos.addAndGet(System.nanoTime() - t0);
                                    requests.incrementAndGet();
                                    if (request.getPath().startsWith("/api/tasks/")) {
                                        taskPolls.incrementAndGet();
                                    }
                                }
                            })).build()));
            ctx.addComponent("paperless", pc);
            ctx.start();
            ProducerTemplate t = ctx.createProducerTemplate();
            String run = Long.toString(System.currentTimeMillis(), 36);
            long t0 = System.nanoTime();
            List<Integer> ids = new java.util.ArrayList<>();
            for (int i = 0; i < uploads; i++) {
                Object id = t.requestBodyAndHeader("paperless:documents?operation=upload&waitForCompletion=true",
                        ("side-by-side " + run + " " + i + "\n").getBytes(StandardCharsets.UTF_8),
                        PaperlessConstants.FILE_NAME, "bench-" + run + "-" + i + ".txt", Object.class);
                ids.add(((io.github.camelpaperless.client.model.Document) id).id());
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            double http = httpNanos.get() / 1e9;
            // the waits between task polls: one pollInterval before each poll but the first of each upload
            double waits = Math.max(0, taskPolls.get() - uploads) * pollInterval / 1000.0;
            double component = Math.max(0, wall - http - waits);
            io.github.camelpaperless.client.PaperlessClient c = pc.getConfiguration().getClient();
            String version = c.serverVersion();
            c.documents().bulkEdit(io.github.camelpaperless.client.DocumentSelection.of(ids), "delete", java.util.Map.of());
            c.send("POST", "trash", null, java.util.Map.of("documents", ids, "action", "empty"),
                    c.type(com.fasterxml.jackson.databind.JsonNode.class));
            c.close();
            return String.format(Locale.ROOT, "| %s | %d | %.1f s | %.2f/s | %d (%d task polls) | %.1f s (%.0f %%) | %.1f s "
                                              + "(%.0f %%) | %.2f s (%.1f %%) |%n",
                    version, uploads, wall, uploads / wall, requests.get(), taskPolls.get(), http, 100 * http / wall, waits,
                    100 * waits / wall, component, 100 * component / wall);
        }
    }
}
