package io.github.camelpaperless.it.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelpaperless.client.ApiVersion;
import io.github.camelpaperless.client.DocumentSelection;
import io.github.camelpaperless.client.PaperlessApiException;
import io.github.camelpaperless.client.PaperlessClient;
import io.github.camelpaperless.client.PaperlessClientConfig;
import io.github.camelpaperless.client.Query;
import io.github.camelpaperless.client.RetryPolicy;
import io.github.camelpaperless.client.UploadRequest;
import io.github.camelpaperless.client.UploadSource;
import io.github.camelpaperless.client.model.Task;
import io.github.camelpaperless.component.PaperlessComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * One real Paperless-ngx server under test, with what a test needs around it: a Camel context whose {@code paperless}
 * component points at the server, a plain client for setting up and checking, unique names, and clean-ups that run
 * after the test (last registered first).
 */
public final class RealServer {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String url;
    private final String token;
    private final String managedVersion;
    private final boolean managed;
    private final RealServers all;
    private PaperlessClient client;
    private final Deque<Runnable> cleanups = new ArrayDeque<>();
    /** Held while a test runs on this server: one test at a time per server, whatever JUnit runs in parallel. */
    final java.util.concurrent.Semaphore busy = new java.util.concurrent.Semaphore(1, true);

    RealServer(String url, String token, String managedVersion, boolean managed, RealServers all) {
        this.url = url;
        this.token = token;
        this.managedVersion = managedVersion;
        this.managed = managed;
        this.all = all;
    }

    /** For test names: the managed version, or the server's own version. */
    public String displayName() {
        return managedVersion != null ? managedVersion : "external " + serverVersion();
    }

    public String url() {
        return url;
    }

    public String token() {
        return token;
    }

    /** Started by the build (its e-mail settings point at the in-process SMTP server, it can reach loopback IMAP). */
    public boolean managed() {
        return managed;
    }

    public RealServers servers() {
        return all;
    }

    /** A client for set-up and checks (not the code under test's endpoints). */
    public synchronized PaperlessClient client() {
        if (client == null) {
            client = new PaperlessClient(PaperlessClientConfig.builder(url).token(token).apiVersion(ApiVersion.AUTO)
                    .retryPolicy(RetryPolicy.NONE).build());
            client.negotiate();
        }
        return client;
    }

    /** {@code X-Version}, e.g. {@code 3.0.5}. */
    public String serverVersion() {
        return client().serverVersion();
    }

    /** The API version the server's newest accepted (10 on 3.x, 9 on 2.x). */
    public int apiVersion() {
        return client().apiVersion();
    }

    public int majorVersion() {
        String v = serverVersion();
        return v == null ? 0 : Integer.parseInt(v.split("\\.")[0]);
    }

    /** 3.x: document versions, share link bundles, remove_password, the v10 task system. */
    public boolean isV3() {
        return majorVersion() >= 3;
    }

    /** A name unique to this run and call: {@code <runPrefix>-<what>-<n>}. */
    public String unique(String what) {
        return all.runPrefix() + "-" + what + "-" + COUNTER.incrementAndGet();
    }

    // ----------------------------------------------------------------------------------------------------------------
    // faults

    /**
     * Aborts the calling test (reported as skipped, with the reason) unless real faults can be injected into this
     * server: one the build started from ../shared/paperless-server, not a server of PAPERLESS_URL.
     */
    public void requireFaults() {
        if (!all.canInjectFaults(this)) {
            throw new org.opentest4j.TestAbortedException("fault injection needs a server started by the build from "
                                                          + "../shared/paperless-server, not " + url);
        }
    }

    /** {@code fault.sh <version> <action>} (or {@code redis-kill}); brought back after the test in any case. */
    public void fault(String action) {
        requireFaults();
        faulted = true; // brought back before the test's clean-ups, which need the server
        all.fault(managedVersion, action);
    }

    /** {@code fault.sh <version> status}. */
    public String faultStatus() {
        return all.faultStatus(managedVersion);
    }

    /** Resumes what is paused and starts again what is not running (start.sh); waits until the server answers. */
    public void bringBack() {
        String status = all.faultStatus(managedVersion);
        if (status.contains("web: paused")) {
            all.fault(managedVersion, "web-resume");
        }
        if (status.contains("worker: paused")) {
            all.fault(managedVersion, "worker-resume");
        }
        all.bringBack(managedVersion, port());
        Await.until(Duration.ofMinutes(2), "Paperless-ngx " + managedVersion + " answering again", () -> {
            client().ping();
            return true;
        });
    }

    private boolean faulted;

    /** The port of the server's URL. */
    public int port() {
        return java.net.URI.create(url).getPort();
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Camel

    /** A started Camel context with the {@code paperless} component on this server; stopped after the test. */
    public CamelContext camel() {
        return camel(c -> {
        });
    }

    /** Like {@link #camel()}, with a hook to adjust the component before start. */
    public CamelContext camel(java.util.function.Consumer<PaperlessComponent> customizer) {
        DefaultCamelContext ctx = new DefaultCamelContext();
        PaperlessComponent pc = new PaperlessComponent();
        pc.getConfiguration().setBaseUrl(url);
        pc.getConfiguration().setToken(token);
        pc.getConfiguration().setPollInterval(250);
        customizer.accept(pc);
        ctx.addComponent("paperless", pc);
        ctx.getManagementStrategy().addEventNotifier(new CoverageRecorder(displayName()));
        ctx.start();
        cleanups.push(ctx::stop);
        return ctx;
    }

    public ProducerTemplate template(CamelContext ctx) {
        ProducerTemplate t = ctx.createProducerTemplate();
        return t;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // set-up and checks through the plain client

    public JsonNode get(String path) {
        return client().get(path, null, client().type(JsonNode.class));
    }

    public JsonNode get(String path, Query query) {
        return client().get(path, query, client().type(JsonNode.class));
    }

    public JsonNode send(String method, String path, Object body) {
        return client().send(method, path, null, body, client().type(JsonNode.class));
    }

    /** Creates an object with a unique name (plus extra fields) and deletes it after the test. */
    public JsonNode create(String resource, String what, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", unique(what));
        body.putAll(extra);
        JsonNode created = send("POST", resource, body);
        deleteLater(resource, created.path("id").asInt());
        return created;
    }

    public JsonNode create(String resource, String what) {
        return create(resource, what, Map.of());
    }

    /** Deletes an object after the test (a 404 then is fine: the test deleted it itself). */
    public void deleteLater(String resource, int id) {
        cleanups.push(() -> {
            try {
                client().send("DELETE", resource + "/" + id, null, (Object) null, null);
            } catch (PaperlessApiException e) {
                if (e.getStatusCode() != 404) {
                    throw e;
                }
            }
        });
    }

    /** Deletes documents after the test and removes them from the trash, so nothing of the run stays behind. */
    public void purgeLater(int... ids) {
        List<Integer> list = new ArrayList<>();
        for (int id : ids) {
            list.add(id);
        }
        cleanups.push(() -> purge(list));
    }

    /** Deletes documents (those that still exist) and empties them from the trash. */
    public void purge(List<Integer> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<Integer> existing = new ArrayList<>();
        for (Integer id : ids) {
            try {
                client().get("documents/" + id, Query.create().set("fields", "id"), client().type(JsonNode.class));
                existing.add(id);
            } catch (PaperlessApiException e) {
                if (e.getStatusCode() != 404) {
                    throw e;
                }
            }
        }
        if (!existing.isEmpty()) {
            deleteAgainLater(existing);
        }
        List<Integer> inTrash = new ArrayList<>();
        for (JsonNode d : client().<JsonNode> list("trash", null, client().type(JsonNode.class), 0)) {
            if (ids.contains(d.path("id").asInt())) {
                inTrash.add(d.path("id").asInt());
            }
        }
        if (!inTrash.isEmpty()) {
            send("POST", "trash", Map.of("documents", inTrash, "action", "empty"));
        }
    }

    /**
     * Deletes documents; when the server keeps failing while deleting (SQLite's "database is locked" while both
     * servers run the suite at once, past the client's own retries), sends the delete again later, as the error says,
     * for up to a minute.
     */
    private void deleteAgainLater(List<Integer> ids) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            try {
                client().documents().action("delete", DocumentSelection.of(ids), Map.of());
                return;
            } catch (io.github.camelpaperless.client.PaperlessServerException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Removes every document (also in the trash) with this content, e.g. left behind by an aborted run. */
    public void purgeContent(byte[] content) {
        io.github.camelpaperless.client.Checksums sums = io.github.camelpaperless.client.Checksums.of(content);
        List<Integer> ids = new ArrayList<>();
        for (String checksum : List.of(sums.md5(), sums.sha256())) {
            for (JsonNode d : client().<JsonNode> list("documents", Query.create().set("checksum__iexact", checksum)
                    .set("fields", "id"), client().type(JsonNode.class), 0)) {
                ids.add(d.path("id").asInt());
            }
        }
        for (JsonNode d : client().<JsonNode> list("trash", null, client().type(JsonNode.class), 0)) {
            String cs = d.path("checksum").asText("");
            if (cs.equalsIgnoreCase(sums.md5()) || cs.equalsIgnoreCase(sums.sha256())) {
                ids.add(d.path("id").asInt());
            }
        }
        purge(ids);
    }

    /** Uploads text content (unique to this run) and waits until it is a document; purged after the test. */
    public int uploadText(String title, String text) {
        return upload(new UploadRequest(UploadSource.of((text + "\n").getBytes(StandardCharsets.UTF_8)))
                .fileName(title + ".txt").title(title));
    }

    /** Uploads and waits for the document; purged after the test. */
    public int upload(UploadRequest request) {
        String task = client().documents().upload(request, false);
        Task t = client().tasks().waitFor(task, Duration.ofMillis(200), Duration.ofMinutes(3));
        if (!t.isSuccess() || t.documentId() == null) {
            throw new IllegalStateException("Consumption of " + request.fileName() + " failed: " + t.message());
        }
        purgeLater(t.documentId());
        return t.documentId();
    }

    /** Runs the clean-ups of the test, newest first; the first failure is rethrown after all ran. */
    void runCleanups() {
        RuntimeException first = null;
        if (faulted) {
            faulted = false;
            try {
                bringBack();
            } catch (RuntimeException e) {
                first = e;
            }
        }
        while (!cleanups.isEmpty()) {
            try {
                cleanups.pop().run();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Adds a clean-up that runs after the test. */
    public void cleanup(Runnable r) {
        cleanups.push(r);
    }

    @Override
    public String toString() {
        return displayName();
    }
}
