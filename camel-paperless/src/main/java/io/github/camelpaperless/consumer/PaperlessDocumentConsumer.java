package io.github.camelpaperless.consumer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelpaperless.client.Csv;
import io.github.camelpaperless.client.DocumentSelection;
import io.github.camelpaperless.client.Download;
import io.github.camelpaperless.client.NameResolver;
import io.github.camelpaperless.client.Page;
import io.github.camelpaperless.client.PaperlessClient;
import io.github.camelpaperless.client.PaperlessNotFoundException;
import io.github.camelpaperless.client.Query;
import io.github.camelpaperless.client.model.Document;
import io.github.camelpaperless.component.DownloadBodies;
import io.github.camelpaperless.component.IdHeader;
import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.component.PaperlessEndpoint;
import io.github.camelpaperless.component.PaperlessResource;
import io.github.camelpaperless.component.StartPosition;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code from("paperless:documents")}: one exchange per document added (or, with {@code mode=modified}, changed)
 * since the last committed position, oldest first. Every document filter applies ({@code filter.*}, e.g.
 * {@code filter.tags__id__all=1}). An idle poll is one small request ({@code fields=id,added}).
 * <p>
 * With {@code push=true} it also serves a webhook path on the application's HTTP server and provisions Paperless
 * workflows that call it when a document is added (or updated): a pushed document is emitted within seconds, and the
 * poll becomes a catch-up every {@code catchUpDelay} for what no call delivered. The calls are received by
 * {@link WebhookReceiver}: acknowledged at once, emitted on its own thread, a failed exchange emitted again.
 */
public class PaperlessDocumentConsumer extends AbstractPaperlessConsumer implements WebhookReceiver.Target {

    private static final Logger LOG = LoggerFactory.getLogger(PaperlessDocumentConsumer.class);
    /** A pushed document may not be visible yet (the call can come before the consumer's transaction commits). */
    private static final int LOOKUP_ATTEMPTS = 5;

    /**
     * What happened to an emitted document, how the consumer learned it, and the document when it was already read
     * (pushed: read once, with the consumer's filters).
     */
    record Event(String type, String source, Document document) {
        Event(String type, String source) {
            this(type, source, null);
        }
    }

    private final String field;
    private Consumer webhook;
    private WebhookReceiver receiver;
    private String secret;
    private WorkflowProvisioner workflows;
    /** The other replicas behind the webhook URL, known through a shared state repository; {@code null} without one. */
    private PushReplicas replicas;
    /** Whether this start provisioned the workflows (then deleteWorkflowOnStop may delete them). */
    private boolean provisioned;

    public PaperlessDocumentConsumer(PaperlessEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.field = "modified".equalsIgnoreCase(config.getMode()) ? "modified" : "added";
    }

    @Override
    protected String defaultStateKey() {
        Map<String, Object> f = config.getFilters() == null ? Map.of() : new TreeMap<>(config.getFilters());
        return "paperless.documents." + field + (f.isEmpty() ? "" : "." + Integer.toHexString(f.toString().hashCode()));
    }

    private Query filters() {
        return config.filterQuery();
    }

    private static OffsetDateTime ts(JsonNode n, String field) {
        return n.hasNonNull(field) ? OffsetDateTime.parse(n.get(field).asText()) : null;
    }

    @Override
    protected ConsumerPosition initialPosition(StartPosition start) throws Exception {
        PaperlessClient c = client();
        switch (start.kind()) {
            case BEGINNING:
                return ConsumerPosition.beginning();
            case DATE_TIME:
                return ConsumerPosition.at(start.dateTime(), List.of());
            case ID: {
                JsonNode d = c.get("documents/" + start.id(), Query.create().set("fields", "id," + field), c.type(JsonNode.class));
                OffsetDateTime ts = ts(d, field);
                return ConsumerPosition.at(ts, List.of(ConsumerPosition.key(start.id(), ts)));
            }
            default: {
                Query q = filters().set("ordering", "-" + field + ",-id").set("fields", "id," + field).set("page_size", 1);
                Page<JsonNode> newest = c.page("documents", q, 1, c.type(JsonNode.class));
                if (newest.items().isEmpty()) {
                    return ConsumerPosition.beginning();
                }
                JsonNode n = newest.items().get(0);
                OffsetDateTime ts = ts(n, field);
                return ConsumerPosition.at(ts, List.of(ConsumerPosition.key(n.path("id").asInt(), ts)));
            }
        }
    }

    @Override
    protected List<Item> fetch(ConsumerPosition position, int limit) throws Exception {
        PaperlessClient c = client();
        Query q = filters().set("ordering", field + ",id").set("fields", fields());
        int pageSize = limit > 0 ? Math.min(config.getPageSize(), limit) : config.getPageSize();
        q.set("page_size", pageSize);
        OffsetDateTime from = position.listFrom(lookback());
        if (from != null) {
            q.set(field + "__gte", from.toInstant().toString());
        }
        List<Item> out = new ArrayList<>();
        List<Item> leadingDone = new ArrayList<>();
        for (JsonNode n : c.<JsonNode> list("documents", q, c.type(JsonNode.class), 0)) {
            int id = n.path("id").asInt();
            OffsetDateTime ts = ts(n, field);
            Item item = new Item(id, ts, new Event(pollEvent(n, position), "poll"));
            if (position.isDone(item.key()) || isOwnChange(position, id, ts)) {
                if (out.isEmpty()) {
                    leadingDone.add(item);
                }
                continue;
            }
            out.add(item);
            if (limit > 0 && out.size() >= limit) {
                break;
            }
        }
        // done items before the first new one (pushed ones, our own changes): the window may move over them
        advanceOver(leadingDone);
        return out;
    }

    /** The event of a polled document: mode=added reports added; mode=modified updated, or added when it is new. */
    private String pollEvent(JsonNode n, ConsumerPosition position) {
        if (field.equals("added")) {
            return "added";
        }
        OffsetDateTime added = ts(n, "added");
        OffsetDateTime since = position.watermark() != null ? position.watermark() : position.floor();
        return added != null && (since == null || added.isAfter(since)) ? "added" : "updated";
    }

    /**
     * Whether a document is only re-stamped since our own after-success change (the server bumps 'modified' again from
     * a background task): not a change to emit; it is remembered as done.
     */
    private boolean isOwnChange(ConsumerPosition position, int id, OffsetDateTime ts) throws Exception {
        String own = position.ownFingerprint(id);
        if (own != null && own.equals(fingerprint(stateOf(id)))) {
            rememberDone(id, ts);
            return true;
        }
        return false;
    }

    /** The fields a listing needs: the id, the position field and, in mode=modified, added (for the event). */
    private String fields() {
        return field.equals("added") ? "id,added" : "id,added,modified";
    }

    /** Most documents one chunk request loads by id ({@code id__in}; keeps the URL short for proxies). */
    static final int CHUNK = 100;

    /** The documents of the current chunk, loaded ahead by {@link #prepare}, removed as they are emitted. */
    private final Map<Integer, Document> chunk = new java.util.concurrent.ConcurrentHashMap<>();
    /** The ids the current chunk asked for. */
    private final java.util.Set<Integer> chunkIds = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Loads the next documents of a poll in one request ({@code id__in}, up to {@link #CHUNK}) instead of one GET each:
     * N new documents cost about N/100 requests instead of N. A list item is the same as a retrieved one except
     * {@code duplicate_documents} (filled by the server on retrieve only).
     */
    @Override
    protected void prepare(Item next, List<Item> following) throws Exception {
        if (chunkIds.contains((Integer) next.id())) {
            return; // loaded, or asked for and not returned: fill reads it on its own
        }
        chunk.clear();
        chunkIds.clear();
        if (following.isEmpty()) {
            return; // a single document: the GET in fill is as cheap
        }
        List<Integer> ids = new ArrayList<>();
        ids.add((Integer) next.id());
        for (Item i : following) {
            if (ids.size() >= Math.min(CHUNK, config.getPageSize())) {
                break;
            }
            ids.add((Integer) i.id());
        }
        chunkIds.addAll(ids);
        PaperlessClient c = client();
        Query q = Query.create().set("id__in", ids).set("page_size", ids.size());
        for (Document d : c.<Document> page("documents", q, 1, c.type(Document.class)).items()) {
            chunk.put(d.id(), d);
        }
    }

    @Override
    public int processBatch(java.util.Queue<Object> exchanges) throws Exception {
        try {
            return super.processBatch(exchanges);
        } finally {
            // what a failed batch left unemitted is read again by the next poll
            chunk.clear();
            chunkIds.clear();
        }
    }

    @Override
    protected void fill(Exchange exchange, Item item) throws Exception {
        PaperlessClient c = client();
        Document doc = item.payload() instanceof Event e && e.document() != null ? e.document()
                : chunk.remove((Integer) item.id());
        if (doc == null) {
            // pushed, first of a poll of one, or gone from the list (deleted, permissions changed): as it is now
            doc = c.documents().get((Integer) item.id());
        }
        IdHeader.set(exchange.getMessage(), PaperlessResource.documents, doc.id());
        exchange.getMessage().setHeader(PaperlessConstants.TITLE, doc.title());
        if (item.payload() instanceof Event e) {
            exchange.getMessage().setHeader(PaperlessConstants.EVENT, e.type());
            exchange.getMessage().setHeader(PaperlessConstants.EVENT_SOURCE, e.source());
        }
        String include = config.getIncludeContent() == null ? "none" : config.getIncludeContent();
        if (include.equalsIgnoreCase("none")) {
            exchange.getMessage().setBody(doc);
            return;
        }
        Download d = c.documents().download(doc.id(), include.equalsIgnoreCase("original"));
        exchange.getMessage().setHeader(PaperlessConstants.DOCUMENT, doc);
        DownloadBodies.setBody(exchange, d);
    }

    /** Tags from an option: ids (digits) or names, comma separated. */
    private List<Integer> tagIds(String csv) throws Exception {
        List<Integer> out = new ArrayList<>();
        for (String t : Csv.split(csv)) {
            out.add(tagId(t));
        }
        return out;
    }

    private Integer tagId(String option) throws Exception {
        return client().names().resolve("tags", NameResolver.optionRef(option), false);
    }

    @Override
    protected void onSuccess(Item item) throws Exception {
        PaperlessClient c = client();
        DocumentSelection one = DocumentSelection.of(List.of((Integer) item.id()));
        List<Integer> add = tagIds(config.getAddTags());
        List<Integer> remove = tagIds(config.getRemoveTags());
        if (!add.isEmpty() || !remove.isEmpty()) {
            c.documents().bulkEdit(one, "modify_tags", Map.of("add_tags", add, "remove_tags", remove));
        }
        if (config.getSetCustomFields() != null && !config.getSetCustomFields().isEmpty()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("add_custom_fields", c.customFieldDefinitions().toApi(config.getSetCustomFields()));
            p.put("remove_custom_fields", List.of());
            c.documents().bulkEdit(one, "modify_custom_fields", p);
        }
        if (field.equals("modified")) {
            // the state the document has now that the consumer is done with it: what the route wrote back to it, our
            // after-success edits, a workflow that saved it again meanwhile. A later 'modified' with this same state
            // (Paperless re-stamps, the webhook of our own PATCH) is not a change to emit — a route that writes back
            // to the document it received does not receive it again.
            JsonNode d = stateOf((Integer) item.id());
            rememberOwnChange(item.id(), ts(d, "modified"), fingerprint(d));
        }
    }

    /** A document as the server has it now, with its permissions. */
    private JsonNode stateOf(int id) throws Exception {
        PaperlessClient c = client();
        return c.get("documents/" + id, Query.create().set("full_perms", "true"), c.type(JsonNode.class));
    }

    /** Fields that change without the document changing: time stamps, derived file names, other documents. */
    private static final List<String> NOT_STATE = List.of("modified", "archived_file_name", "original_file_name",
            "duplicate_documents", "__search_hit__", "user_can_change", "is_shared_by_requester");

    /** A digest of what a user can change about a document (everything but {@link #NOT_STATE}). */
    static String fingerprint(JsonNode doc) {
        ObjectNode copy = ((ObjectNode) doc).deepCopy();
        copy.remove(NOT_STATE);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(copy.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void onFailure(Item item, Exchange exchange) throws Exception {
        if (config.getFailureTag() != null && !config.getFailureTag().isBlank()) {
            Integer tag = tagId(config.getFailureTag());
            client().documents().bulkEdit(DocumentSelection.of(List.of((Integer) item.id())), "add_tag", Map.of("tag", tag));
        }
    }
    // ---- push (Paperless workflow webhooks) ----

    @Override
    protected void doStart() throws Exception {
        if (config.isPush()) {
            setDelay(config.getCatchUpDelay());
        }
        super.doStart();
    }

    /** Push is set up before the first (catch-up) poll: that one then knows the other replicas. */
    @Override
    protected void beforePolling() throws Exception {
        if (config.isPush()) {
            startPush();
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (webhook != null) {
            ServiceHelper.stopAndShutdownService(webhook);
            webhook = null;
        }
        if (receiver != null) {
            receiver.stop();
            receiver = null;
        }
        int others = 0;
        if (replicas != null) {
            try {
                others = replicas.leave();
            } catch (RuntimeException e) {
                LOG.warn("Could not unregister from the other replicas of paperless:documents (push): {}", e.getMessage());
                others = -1;
            }
            replicas = null;
        }
        // only workflows this start provisioned: a start refused before (another replica's secret) leaves theirs
        if (workflows != null && provisioned && config.isDeleteWorkflowOnStop()) {
            if (others != 0) {
                LOG.info("paperless:documents (push): the workflows stay — {} serve them; the last replica to stop "
                         + "deletes them", others > 0 ? others + " other replica(s)" : "other replicas may");
            } else {
                try {
                    workflows.delete();
                } catch (Exception e) {
                    LOG.warn("Could not delete the Paperless workflows of paperless:documents (push): {}", e.getMessage());
                }
            }
        }
        workflows = null;
        provisioned = false;
        super.doStop();
    }

    /** The path served for Paperless' calls. */
    String webhookPath() {
        return config.getWebhookPath() != null ? config.getWebhookPath()
                : "/paperless/webhook/" + getStateKey().replaceAll("[^A-Za-z0-9._-]", "-");
    }

    /** The URL Paperless calls: the external URL plus the path. */
    String webhookUrl() {
        String base = config.getWebhookExternalUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + webhookPath();
    }

    /** The events the consumer provisions: added, and in mode=modified also updated. */
    List<String> pushEvents() {
        List<String> events = new ArrayList<>(field.equals("added") ? List.of("added") : List.of("added", "updated"));
        if (config.getConsumptionStartedFilter() != null && !config.getConsumptionStartedFilter().isBlank()) {
            events.add("consumptionStarted");
        }
        return events;
    }

    /** The base name of the provisioned workflows: stable for the same state key and URL. */
    String workflowBaseName() {
        if (config.getWorkflowName() != null && !config.getWorkflowName().isBlank()) {
            return config.getWorkflowName();
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(webhookUrl().getBytes(StandardCharsets.UTF_8));
            return "camel-paperless " + getStateKey() + " " + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void startPush() throws Exception {
        secret = config.getWebhookSecret();
        boolean configured = secret != null && !secret.isBlank();
        if (!configured) {
            secret = derivedSecret();
        }
        // the position starts now (startFrom), not at the first call: a document added before it is the catch-up's
        currentPosition();
        List<String> secrets = new java.util.ArrayList<>(List.of(secret));
        Map<String, com.fasterxml.jackson.databind.JsonNode> existing = Map.of();
        if (config.isProvisionWorkflow()) {
            workflows = new WorkflowProvisioner(client(), workflowBaseName(), pushEvents(), config.getFilters(),
                    config.getConsumptionStartedFilter());
            existing = workflows.byName();
            // another replica's workflow with another secret: fail rather than overwrite it (unless configured)
            secrets.addAll(workflows.check(existing, webhookUrl(), secret, configured));
        }
        if (stateRepository() instanceof io.github.camelpaperless.component.SharedStateRepository shared) {
            // replicas behind one URL share the position: one catch-up poll at a time, the workflow deleted by the last
            replicas = new PushReplicas(shared, getStateKey(), holderId(), Duration.ofMillis(config.getCatchUpDelay()),
                    System::currentTimeMillis);
            replicas.join();
            releaseClaimsOfEarlierRuns();
        }
        receiver = new WebhookReceiver(this, webhookPath(), secrets, "paperless-push-" + getStateKey());
        webhook = WebhookServer.create(endpoint.getCamelContext(), config.getWebhookComponentName(), webhookPath(),
                receiver::onCall);
        ServiceHelper.startService(webhook);
        if (workflows != null) {
            workflows.provision(existing, webhookUrl(), secret);
            provisioned = true;
        }
        LOG.info("paperless:documents receives Paperless' webhook calls on {} (served at {}), catch-up poll every {} ms",
                webhookUrl(), webhookPath(), config.getCatchUpDelay());
    }

    /**
     * The webhook secret when none is configured: an HMAC of the webhook URL and state key, keyed with the client's
     * credentials — the same across restarts and for every replica behind the same URL (so a call Paperless sent
     * before a restart, or to another replica, is accepted), unguessable without the credentials, and revealing nothing
     * of them.
     */
    String derivedSecret() throws Exception {
        io.github.camelpaperless.client.PaperlessClientConfig cc = client().config();
        String credential = cc.token() != null ? cc.token() : cc.password();
        if (credential == null || credential.isEmpty()) {
            throw new IllegalArgumentException("paperless:documents?push=true needs webhookSecret when the client has no "
                                               + "token or password to derive a stable one from: set webhookSecret");
        }
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(credential.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] d = mac.doFinal(("camel-paperless webhook\n" + webhookUrl() + "\n" + getStateKey())
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Claims only among replicas sharing the position: a single instance (a repository no other instance shares) would
     * otherwise find, after a crash, its earlier run's claim and wait for it to time out.
     */
    @Override
    protected boolean claims() {
        return config.isPush() && replicas != null;
    }

    @Override
    protected Duration claimTimeout() {
        return Duration.ofMillis(config.getCatchUpDelay());
    }

    /** The catch-up poll runs on one replica at a time (with a shared state repository); every replica renews itself. */
    @Override
    protected boolean pollTurn() {
        PushReplicas r = replicas;
        if (r == null) {
            return true;
        }
        boolean mine = r.catchUpTurn();
        if (!mine) {
            LOG.debug("paperless:documents (push): another replica runs the catch-up poll");
        }
        return mine;
    }

    /** Acknowledged webhook calls not done with yet (0 without push). */
    int pushBacklog() {
        WebhookReceiver r = receiver;
        return r == null ? 0 : r.backlog();
    }

    // ---- WebhookReceiver.Target ----

    @Override
    public List<String> events() {
        return pushEvents();
    }

    @Override
    public void answered(int status) {
        meters().pushAnswered(status);
    }

    @Override
    public boolean modifiedMode() {
        return field.equals("modified");
    }

    @Override
    public com.fasterxml.jackson.databind.ObjectMapper mapper() throws Exception {
        return client().mapper();
    }

    @Override
    public Exception emitPushed(Item item) throws Exception {
        if (fenced() != null) {
            return null; // another instance holds the position: it emits (its catch-up poll at the latest)
        }
        lockEmitting(null);
        try {
            ConsumerPosition position;
            try {
                position = currentPosition();
            } catch (PositionFencedException e) {
                return null;
            }
            if (position.isDone(item.key()) || isOwnChange(position, (Integer) item.id(), item.ts())) {
                LOG.debug("Pushed document {} was emitted already", item.id());
                return null;
            }
            Exception failure = emit(item, 0, 1, true);
            // done by, or being emitted by, another replica (Paperless called twice, or the catch-up was first)
            return failure instanceof PositionFencedException || failure instanceof NotEmitted ? null : failure;
        } finally {
            unlockEmitting();
        }
    }

    /** Paperless started consuming a file: one exchange with the call's parameters. */
    @Override
    public Exception emitConsumptionStarted(Map<String, String> payload) throws Exception {
        if (fenced() != null) {
            return null; // another instance holds the position and receives the calls
        }
        Exchange exchange = createExchange(false);
        try {
            String title = payload.getOrDefault("doc_title", "");
            String stem = payload.getOrDefault("original_filename", "");
            // the title is the path of Paperless' temporary copy (named like the file) unless the upload set one
            int slash = Math.max(title.lastIndexOf('/'), title.lastIndexOf('\\'));
            String fileName = slash >= 0 ? title.substring(slash + 1) : stem;
            Map<String, Object> body = new LinkedHashMap<>(payload);
            exchange.getMessage().setBody(body);
            exchange.getMessage().setHeader(PaperlessConstants.EVENT, "consumptionStarted");
            exchange.getMessage().setHeader(PaperlessConstants.EVENT_SOURCE, "push");
            exchange.getMessage().setHeader(PaperlessConstants.FILE_NAME, fileName);
            getProcessor().process(exchange);
            Exception failure = exchange.getException();
            if (failure != null) {
                getExceptionHandler().handleException("Error processing the consumption start of " + fileName, exchange,
                        failure);
            }
            return failure;
        } finally {
            releaseExchange(exchange, false);
        }
    }

    /**
     * The pushed document, read once with the consumer's filters ({@code id__in}), or {@code null} if they do not select
     * it; waits a little for it to appear (the call can come before the server's transaction is visible).
     */
    @Override
    public Item lookUp(int id, String event) throws Exception {
        PaperlessClient c = client();
        Query q = filters().set("id__in", id);
        for (int attempt = 1;; attempt++) {
            Page<Document> page = c.page("documents", q, 1, c.type(Document.class));
            if (!page.items().isEmpty()) {
                Document d = page.items().get(0);
                return new Item(id, field.equals("added") ? d.added() : d.modified(), new Event(event, "push", d));
            }
            try {
                c.get("documents/" + id, Query.create().set("fields", "id"), c.type(JsonNode.class));
                return null;
            } catch (PaperlessNotFoundException e) {
                if (attempt >= LOOKUP_ATTEMPTS) {
                    throw e;
                }
                Thread.sleep(200L * attempt);
            }
        }
    }
}
