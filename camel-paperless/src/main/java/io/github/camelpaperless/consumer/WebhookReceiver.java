package io.github.camelpaperless.consumer;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelpaperless.client.PaperlessNotFoundException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push half of {@code paperless:documents?push=true}: receives Paperless' webhook calls — checks the secret and the
 * payload, answers at once ({@code 202}) and hands the document to one thread that emits the calls in the order they
 * came.
 * <p>
 * Paperless waits 5 s for an answer and never calls again after a timeout, so a call is acknowledged before its
 * document is looked up or its route runs: an acknowledged call is never lost — if its exchange fails it is tried again
 * here ({@link #RETRY_DELAYS}), and the catch-up poll emits whatever a call did not (a pushed document is remembered as
 * done without moving the poll's position). Look-ups run without the emit lock, so a document the consumer's user may
 * not see never holds up the poll or other calls.
 */
final class WebhookReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);
    static final String SECRET_HEADER = WorkflowProvisioner.SECRET_HEADER;
    private static final Pattern DOC_URL_ID = Pattern.compile("/documents/(\\d+)/?$");
    /** Calls waiting for the emitting thread at most; beyond, a call is answered 503 (Paperless calls again). */
    static final int QUEUE_CAPACITY = 10_000;
    /** Pauses before a pushed exchange that failed is emitted again; then the catch-up poll has it. */
    static final List<Duration> RETRY_DELAYS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    /** The pauses in use (tests shorten them). */
    static volatile List<Duration> retryDelays = RETRY_DELAYS;

    /** What the receiver needs of its consumer. */
    interface Target {
        /** The events this consumer provisions (added; updated in mode=modified; consumptionStarted). */
        List<String> events();

        /** Whether the consumer emits documents as changed (mode=modified) rather than added. */
        boolean modifiedMode();

        /** Looks the pushed document up with the consumer's filters (no lock held); {@code null}: not selected. */
        AbstractPaperlessConsumer.Item lookUp(int id, String event) throws Exception;

        /** Emits a pushed document unless done (under the emit lock); returns the exchange's failure or {@code null}. */
        Exception emitPushed(AbstractPaperlessConsumer.Item item) throws Exception;

        /** Emits a consumption start; returns the exchange's failure or {@code null}. */
        Exception emitConsumptionStarted(Map<String, String> payload) throws Exception;

        ObjectMapper mapper() throws Exception;

        /** A call was answered with this HTTP status (for the meters). */
        default void answered(int status) {
        }
    }

    private final Target target;
    private final String path;
    private final List<String> secrets;
    private final ExecutorService worker;
    private volatile boolean stopping;
    /** Calls acknowledged and not yet done with (queued or being emitted). */
    private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * @param secrets the secret Paperless sends; more than one while a changed secret may still arrive in calls sent
     *                before the change
     */
    WebhookReceiver(Target target, String path, List<String> secrets, String threadName) {
        this.target = target;
        this.path = path;
        this.secrets = List.copyOf(secrets);
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(QUEUE_CAPACITY), r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Stops taking calls; what is queued is left to the catch-up poll of the next start. */
    void stop() {
        stopping = true;
        List<Runnable> dropped = worker.shutdownNow();
        if (!dropped.isEmpty()) {
            LOG.info("{} pushed call(s) not emitted before the stop: the catch-up poll at the next start emits them",
                    dropped.size());
        }
    }

    /** How many acknowledged calls are not done with yet (queued or being emitted). */
    int backlog() {
        return pending.get();
    }

    /** One webhook call: check it, queue it, answer. */
    void onCall(Exchange call) throws Exception {
        Message in = call.getMessage();
        String given = in.getHeader(SECRET_HEADER, String.class);
        if (!accepted(given)) {
            LOG.warn("Refused a webhook call to {} without the right {} header", path, SECRET_HEADER);
            answer(call, 401, "missing or wrong " + SECRET_HEADER);
            return;
        }
        Map<String, String> payload;
        try {
            payload = payload(in);
        } catch (Exception e) {
            LOG.debug("Unreadable webhook call body", e);
            answer(call, 400, "unreadable body: send the webhook params as JSON (as_json) or a form");
            return;
        }
        Runnable job;
        if ("consumptionStarted".equalsIgnoreCase(payload.get("event")) && target.events().contains("consumptionStarted")) {
            job = () -> emitWithRetries("the consumption start of " + payload.getOrDefault("original_filename", "a file"),
                    () -> target.emitConsumptionStarted(payload));
        } else {
            Integer id = documentId(payload);
            if (id == null) {
                answer(call, 400, "no document id: the webhook action must send doc_url={{ doc_url }} (or doc_id)");
                return;
            }
            String event = payload.getOrDefault("event", target.modifiedMode() ? "updated" : "added").toLowerCase();
            if (!WorkflowProvisioner.TRIGGERS.containsKey(event)) {
                answer(call, 400, "unknown event '" + event + "': use added or updated");
                return;
            }
            if (!target.modifiedMode() && !event.equals("added")) {
                answer(call, 200, "ignored: this consumer emits added documents (mode=added)");
                return;
            }
            job = () -> emitDocument(id, event);
        }
        Runnable counted = () -> {
            try {
                job.run();
            } finally {
                pending.decrementAndGet();
            }
        };
        pending.incrementAndGet();
        try {
            worker.execute(counted);
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet();
            answer(call, 503, stopping ? "stopping: the catch-up poll emits it at the next start"
                    : "too many calls waiting (" + QUEUE_CAPACITY + "): call again");
            return;
        }
        answer(call, 202, "accepted");
    }

    private boolean accepted(String given) {
        if (given == null) {
            return false;
        }
        boolean ok = false;
        for (String s : secrets) {
            // constant time, and every secret compared
            ok |= MessageDigest.isEqual(s.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
        }
        return ok;
    }

    @FunctionalInterface
    private interface Emission {
        Exception run() throws Exception;
    }

    /** Looks the document up, emits it unless done; a failed exchange is tried again, then left to the catch-up poll. */
    private void emitDocument(int id, String event) {
        emitWithRetries("document " + id, () -> {
            AbstractPaperlessConsumer.Item item;
            try {
                item = target.lookUp(id, event);
            } catch (PaperlessNotFoundException e) {
                LOG.info("Pushed document {} is not visible to this consumer's user: nothing emitted (the catch-up poll "
                         + "emits it if it becomes visible)", id);
                return null;
            }
            if (item == null) {
                LOG.debug("Pushed document {} is not selected by this consumer's filters", id);
                return null;
            }
            return target.emitPushed(item);
        });
    }

    private void emitWithRetries(String what, Emission emission) {
        for (int attempt = 0; !stopping; attempt++) {
            Exception failure;
            try {
                failure = emission.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failure = e;
            }
            if (failure == null) {
                return;
            }
            List<Duration> delays = retryDelays;
            if (attempt >= delays.size()) {
                LOG.warn("Pushed {} failed {} times ({}): the catch-up poll emits it again", what, attempt + 1,
                        failure.getMessage());
                return;
            }
            LOG.debug("Pushed {} failed ({}); emitting it again in {} ms", what, failure.getMessage(),
                    delays.get(attempt).toMillis());
            try {
                Thread.sleep(delays.get(attempt).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Map<String, String> payload(Message in) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        if (in.getBody() instanceof Map<?, ?> form) {
            form.forEach((k, v) -> out.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
            return out;
        }
        String body = in.getBody(String.class);
        for (String param : List.of("event", "doc_url", "doc_id")) {
            // form parameters: some HTTP servers hand them over as headers
            String value = in.getHeader(param, String.class);
            if (value != null) {
                out.put(param, value);
            }
        }
        if (body == null || body.isBlank()) {
            return out;
        }
        String trimmed = body.trim();
        if (trimmed.startsWith("{")) {
            target.mapper().readTree(trimmed).fields()
                    .forEachRemaining(e -> out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : null));
            return out;
        }
        for (String pair : trimmed.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** The id from doc_id (Paperless 3) or doc_url (both; 2.x has no doc_id). */
    static Integer documentId(Map<String, String> payload) {
        String docId = payload.get("doc_id");
        if (docId != null && docId.matches("\\d+")) {
            return Integer.valueOf(docId);
        }
        String url = payload.get("doc_url");
        if (url != null) {
            Matcher m = DOC_URL_ID.matcher(url.trim());
            if (m.find()) {
                return Integer.valueOf(m.group(1));
            }
        }
        return null;
    }

    private void answer(Exchange call, int status, String text) {
        LOG.debug("Answered a webhook call: {} {}", status, text);
        target.answered(status);
        Message out = call.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
        out.setBody(text);
    }
}
