package io.github.camelpaperless.consumer;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedList;
import java.util.List;
import java.util.Queue;

import io.github.camelpaperless.client.PaperlessApiException;
import io.github.camelpaperless.client.PaperlessAuthenticationException;
import io.github.camelpaperless.client.PaperlessClient;
import io.github.camelpaperless.client.PaperlessLoginRedirectException;
import io.github.camelpaperless.client.PaperlessPermissionException;
import io.github.camelpaperless.component.PaperlessConfiguration;
import io.github.camelpaperless.component.PaperlessConsumers;
import io.github.camelpaperless.component.PaperlessEndpoint;
import io.github.camelpaperless.component.StartPosition;
import io.github.camelpaperless.observability.ConsumerMeters;
import io.github.camelpaperless.observability.Observability;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Processor;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared poll loop of the paperless consumers: load the position, list what is new, emit one exchange per item in
 * order and commit each item only when its exchange completed successfully. The first failed exchange ends the batch:
 * it and everything after it are emitted again by the next poll, so nothing is skipped.
 */
public abstract class AbstractPaperlessConsumer extends ScheduledBatchPollingConsumer implements PaperlessConsumers.Info {

    private static final Logger LOG = LoggerFactory.getLogger(AbstractPaperlessConsumer.class);

    /** One item to emit: its id, the timestamp the position advances to, and what the exchange carries. */
    protected record Item(Object id, OffsetDateTime ts, Object payload) {
        String key() {
            return ConsumerPosition.key(id, ts);
        }
    }

    protected final PaperlessEndpoint endpoint;
    protected final PaperlessConfiguration config;
    private StateRepository<String, String> repository;
    private String stateKey;
    private final Object positionLock = new Object();
    private final java.util.concurrent.locks.ReentrantLock emitLock = new java.util.concurrent.locks.ReentrantLock();
    private ConsumerMeters meters = ConsumerMeters.NONE;
    /** The time (server's) of the oldest item listed and not yet committed; {@code null} when caught up. */
    private volatile Instant oldestPending;
    /** When the last poll that found nothing left to do started (server's time). */
    private volatile Instant caughtUpAt;
    private volatile Instant pollStartedAt;
    private volatile String lastExchangeError;
    /** The epoch this consumer took over in a {@link FencedStateRepository}; -1 when the repository is not fenced. */
    private volatile long epoch = -1;
    /** Set when a write was refused because another instance took the position over; cleared on the next start. */
    private volatile PositionFencedException fenced;
    /** The last time this consumer was fenced, kept after it stopped (for diagnosis). */
    private volatile PositionFencedException lastFencing;

    protected AbstractPaperlessConsumer(PaperlessEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
    }

    @Override
    public PaperlessEndpoint getEndpoint() {
        return endpoint;
    }

    protected PaperlessClient client() throws Exception {
        return endpoint.getClient();
    }

    protected Duration lookback() {
        return Duration.ofMillis(config.getLookback());
    }

    /** The default key of this consumer in the state repository. */
    protected abstract String defaultStateKey();

    /** The position to start from when the repository has none. */
    protected abstract ConsumerPosition initialPosition(StartPosition start) throws Exception;

    /** The items after the position, oldest first, at most {@code limit} (0 = all). */
    protected abstract List<Item> fetch(ConsumerPosition position, int limit) throws Exception;

    /** Fills the exchange for an item (body, headers). */
    protected abstract void fill(Exchange exchange, Item item) throws Exception;

    /**
     * Called before an item of a poll is emitted, with the items after it: a consumer may load what the next exchanges
     * need in one request (the documents consumer loads documents in chunks).
     */
    protected void prepare(Item next, List<Item> following) throws Exception {
    }

    /** Runs after the exchange of an item completed successfully, before the position is committed. */
    protected void onSuccess(Item item) throws Exception {
    }

    /** Runs after the exchange of an item failed. */
    protected void onFailure(Item item, Exchange exchange) throws Exception {
    }

    @Override
    protected void doStart() throws Exception {
        StateRepository<String, String> repo = config.getStateRepository();
        stateKey = config.getStateKey() != null ? config.getStateKey() : defaultStateKey();
        if (repo == null) {
            // the endpoint's, not the consumer's: a route stopped and started again goes on where it stood
            repo = endpoint.defaultStateRepository();
            LOG.info("paperless:{} consumer keeps its position in memory: it goes on where it stood when its route is "
                     + "restarted, but after the application restarts it starts again from startFrom={} — what was "
                     + "added while the application was down is not caught up. Set stateRepository (e.g. Camel's "
                     + "FileStateRepository) for that.", endpoint.getResource().path(), config.getStartFrom());
        }
        repository = repo;
        ServiceHelper.startService(repository);
        meters = Observability.consumer(getEndpoint().getCamelContext(), endpoint.getComponent().isMetricsEnabled(),
                getRouteId(), endpoint.getResource().path(), config.isPush() ? "push" : "poll", this::lag);
        fenced = null;
        if (repository instanceof FencedStateRepository f && !config.isPush()) {
            // started = this instance acts on the position now (e.g. it became the leader): older holders are fenced.
            // Not for push: every replica behind the webhook URL receives calls and emits what they bring
            epoch = f.takeOver(stateKey, holderId());
            LOG.info("paperless:{} consumer holds position '{}' (epoch {}, {}): an instance that held it before cannot "
                     + "write it any more", endpoint.getResource().path(), stateKey, epoch, holderId());
        } else {
            epoch = -1;
        }
        beforePolling();
        super.doStart();
        HealthCheck check = getHealthCheck();
        if (check != null && !(check instanceof LagReportingHealthCheck)) {
            setHealthCheck(new LagReportingHealthCheck(check, this));
        }
    }

    /** This instance's consumer: context, route, process and host (who holds a position, who claims an item). */
    protected String holderId() {
        String id = getEndpoint().getCamelContext().getName() + "/" + getRouteId() + " on "
                    + java.lang.management.ManagementFactory.getRuntimeMXBean().getName();
        return id.length() > 255 ? id.substring(0, 255) : id;
    }

    /** The epoch this consumer holds in a fenced state repository, or -1. */
    public long epoch() {
        return epoch;
    }

    /** Runs at start once the position's repository is ready, before the first poll is scheduled. */
    protected void beforePolling() throws Exception {
    }

    /** The repository the position is kept in (started). */
    protected StateRepository<String, String> stateRepository() {
        return repository;
    }

    /**
     * Whether this poll runs: {@code false} skips it (a push consumer's catch-up poll runs on one replica at a time).
     */
    protected boolean pollTurn() throws Exception {
        return true;
    }

    /** Why this consumer stopped emitting (another instance took its position over), or {@code null}. */
    public PositionFencedException fenced() {
        return fenced;
    }

    /**
     * The last time another instance took this consumer's position over, or {@code null}: unlike {@link #fenced()} kept
     * after the route stopped (a cluster policy that stops the route of a demoted instance clears {@code fenced}).
     */
    public PositionFencedException lastFencing() {
        return lastFencing;
    }

    @Override
    public boolean isBatchAllowed() {
        return fenced == null && super.isBatchAllowed();
    }

    @Override
    protected void doStop() throws Exception {
        fenced = null; // stopped (e.g. demoted by the cluster policy): a standby is not unhealthy
        meters.close();
        meters = ConsumerMeters.NONE;
        super.doStop();
    }

    /** The consumer's meters (no-ops without a meter registry). */
    protected ConsumerMeters meters() {
        return meters;
    }

    /**
     * The age of the oldest change in Paperless not yet processed: since the oldest item the last poll listed and the
     * route has not completed; when every listed item is done, since the start of that poll (what changed after it is
     * not known yet, so the lag is at most one poll interval while polls succeed, and grows while they fail).
     * {@code null} before the first poll. Measured on the server's clock.
     */
    public Duration lag() {
        Instant from = oldestPending != null ? oldestPending : caughtUpAt;
        if (from == null || fenced != null) { // fenced: another instance processes, its lag is the one that counts
            return null;
        }
        Duration d = Duration.between(from, serverNow());
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** The message of the last exchange that failed, with its item, or {@code null}. */
    public String lastExchangeError() {
        return lastExchangeError;
    }

    private Instant serverNow() {
        PaperlessClient c = endpoint.existingClient();
        return c == null ? Instant.now() : c.serverNow();
    }

    @Override
    public String getStateKey() {
        return stateKey;
    }

    @Override
    public String watermark() {
        ConsumerPosition p = isStarted() ? position() : null;
        return p == null || p.watermark() == null ? null : p.watermark().toString();
    }

    @Override
    public int rememberedCount() {
        ConsumerPosition p = isStarted() ? position() : null;
        return p == null ? 0 : p.seenCount();
    }

    /** The stored position (read from the repository each time, so instances sharing it see each other's commits). */
    public ConsumerPosition position() {
        synchronized (positionLock) {
            return ConsumerPosition.decode(repository.getState(stateKey));
        }
    }

    /** Writes the position; fenced when the repository is: refused once another instance took the position over. */
    private void save(ConsumerPosition p) {
        if (epoch >= 0 && repository instanceof FencedStateRepository f) {
            if (!f.setState(stateKey, p.encode(), epoch)) {
                throw fence(f);
            }
        } else {
            repository.setState(stateKey, p.encode());
        }
    }

    /** Whether this consumer still holds its position (always with an unfenced repository). */
    private boolean stillHolds() {
        if (fenced != null) {
            return false;
        }
        if (epoch >= 0 && repository instanceof FencedStateRepository f && f.holder(stateKey).epoch() != epoch) {
            fence(f);
            return false;
        }
        return true;
    }

    /** Records (once) that another instance took the position over: logged, counted, reported by the health check. */
    private PositionFencedException fence(FencedStateRepository f) {
        PositionFencedException e = new PositionFencedException(stateKey, epoch, f.holder(stateKey));
        synchronized (positionLock) {
            if (fenced != null) {
                return e;
            }
            fenced = e;
            lastFencing = e;
        }
        meters.fenced();
        LOG.warn("paperless:{} consumer: {}", endpoint.getResource().path(), e.getMessage());
        return e;
    }

    @Override
    protected int poll() throws Exception {
        ConsumerPosition position;
        List<Item> items;
        if (fenced != null) {
            return 0; // another instance holds the position: nothing is listed, nothing emitted
        }
        if (!pollTurn()) {
            return 0;
        }
        Instant started = serverNow();
        try {
            position = currentPosition();
            items = fetch(position, config.getMaxMessagesPerPoll());
            meters.polled(true);
        } catch (PositionFencedException e) {
            return 0;
        } catch (Exception e) {
            meters.polled(false);
            throw failedPoll(e);
        }
        pollStartedAt = started;
        if (items.isEmpty()) {
            oldestPending = null;
            caughtUpAt = started;
        } else if (items.get(0).ts() != null) {
            oldestPending = items.get(0).ts().toInstant();
        }
        Queue<Object> queue = new LinkedList<>(items);
        return processBatch(queue);
    }

    /** Reports a failed poll (the log for credentials that will not work by themselves; the health check's status). */
    private Exception failedPoll(Exception e) {
        if (e instanceof PaperlessAuthenticationException || e instanceof PaperlessPermissionException
                || e instanceof PaperlessLoginRedirectException) {
            LOG.error("paperless:{} consumer cannot poll: {} — fix the credentials or base URL; polling again in {} ms",
                    endpoint.getResource().path(), e.getMessage(), endpoint.getDelay());
        }
        if (e instanceof PaperlessApiException) {
            reportStatus((PaperlessApiException) e);
        }
        return e;
    }

    /** The HTTP status of a failed poll, for the consumer's health check (the client's exceptions know no Camel). */
    private void reportStatus(PaperlessApiException e) {
        if (e.getStatusCode() > 0) {
            addLastErrorDetail(HealthCheck.HTTP_RESPONSE_CODE, e.getStatusCode());
        }
    }

    @Override
    public int processBatch(Queue<Object> exchanges) throws Exception {
        int total = exchanges.size();
        int emitted = 0;
        List<Item> batch = new java.util.ArrayList<>();
        exchanges.forEach(o -> batch.add((Item) o));
        emitLock.lock();
        try {
            for (int index = 0; index < total && isBatchAllowed(); index++) {
                Item item = batch.get(index);
                batch.set(index, null);
                pendingExchanges = total - index - 1;
                if (config.isPush() && isDone(item)) {
                    // pushed since the listing
                    continue;
                }
                if (item.ts() != null) {
                    oldestPending = item.ts().toInstant();
                }
                prepare(item, batch.subList(index + 1, total));
                Exception failure = emit(item, index, total, false);
                if (failure == NotEmitted.DONE) {
                    continue; // another replica emitted it since the listing
                }
                if (failure instanceof PositionFencedException || failure == NotEmitted.HELD_ELSEWHERE) {
                    // held elsewhere: another replica is emitting it; committing what follows would move the position
                    // over it, so the batch ends here and the next poll looks again
                    break;
                }
                emitted++;
                if (failure != null) {
                    break;
                }
                if (index == total - 1) {
                    boolean more = config.getMaxMessagesPerPoll() > 0 && total >= config.getMaxMessagesPerPoll();
                    // a full batch: more may be waiting after its last item
                    oldestPending = more && item.ts() != null ? item.ts().toInstant() : null;
                    if (!more) {
                        caughtUpAt = pollStartedAt;
                    }
                }
            }
        } finally {
            emitLock.unlock();
        }
        pendingExchanges = 0;
        return emitted;
    }

    /**
     * Emits one item and waits for its exchange; commits the item when the exchange completed successfully.
     *
     * @param  pushed whether a webhook call brought it: then its key is remembered as done without moving the watermark
     *                (the catch-up poll must still see what was lost before it)
     * @return        the exchange's exception, {@code null} on success
     */
    protected Exception emit(Item item, int index, int total, boolean pushed) throws Exception {
        if (fenced != null) {
            return fenced;
        }
        Exchange exchange = createExchange(false);
        try {
            fill(exchange, item);
            boolean redelivered;
            try {
                ConsumerPosition.ClaimResult claim = markEmitting(item);
                if (claim == ConsumerPosition.ClaimResult.DONE || claim == ConsumerPosition.ClaimResult.HELD_ELSEWHERE) {
                    doneWithoutRunning(exchange);
                    return claim == ConsumerPosition.ClaimResult.DONE ? NotEmitted.DONE : NotEmitted.HELD_ELSEWHERE;
                }
                redelivered = claim == ConsumerPosition.ClaimResult.CLAIMED_REDELIVERED;
            } catch (PositionFencedException e) {
                // another instance holds the position: this one emits nothing more
                doneWithoutRunning(exchange);
                return e;
            }
            exchange.getMessage().setHeader(io.github.camelpaperless.component.PaperlessConstants.REDELIVERED, redelivered);
            if (epoch >= 0) {
                exchange.getMessage().setHeader(io.github.camelpaperless.component.PaperlessConstants.EPOCH, epoch);
            }
            exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, index);
            exchange.setProperty(ExchangePropertyKey.BATCH_SIZE, total);
            exchange.setProperty(ExchangePropertyKey.BATCH_COMPLETE, index == total - 1);
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onComplete(Exchange e) {
                    commit(item, pushed);
                }

                @Override
                public void onFailure(Exchange e) {
                    if (!stillHolds()) {
                        return; // the holder emits it again: no after-failure action from here
                    }
                    if (claims()) {
                        // another replica may emit it now (it stays in flight: marked redelivered when it is)
                        changePosition(p -> {
                            p.release(item.id(), holderId());
                            return null;
                        });
                    }
                    try {
                        AbstractPaperlessConsumer.this.onFailure(item, e);
                    } catch (Exception ex) {
                        LOG.warn("After-failure action for {} failed: {}", item.id(), ex.getMessage());
                    }
                }
            });
            getProcessor().process(exchange);
            Exception failure = exchange.getException();
            meters.emitted(pushed);
            if (failure != null) {
                meters.failed();
                lastExchangeError = item.id() + ": " + failure.getMessage();
                getExceptionHandler().handleException("Error processing " + item.id() + (pushed
                        ? " (pushed: emitted again shortly, then by the catch-up poll)"
                        : " (it and the rest of the batch are emitted again on the next poll)"), exchange, failure);
            }
            return failure;
        } finally {
            releaseExchange(exchange, false);
        }
    }

    /** What fill opened (a download) is closed by the exchange's completions, run here as the exchange never runs. */
    private static void doneWithoutRunning(Exchange exchange) {
        org.apache.camel.support.UnitOfWorkHelper.doneSynchronizations(exchange,
                exchange.getExchangeExtension().handoverCompletions());
    }

    /** Why {@link #emit} did not run an exchange (not a failure). */
    protected static final class NotEmitted extends Exception {
        private static final long serialVersionUID = 1L;
        /** The item is done already (another replica emitted it since it was listed or pushed). */
        public static final NotEmitted DONE = new NotEmitted("done already");
        /** Another replica is emitting the item now. */
        public static final NotEmitted HELD_ELSEWHERE = new NotEmitted("being emitted by another replica");

        private NotEmitted(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Whether items are claimed before they are emitted: push consumers, whose replicas all emit (what the calls they
     * receive bring) and share one position; a claim younger than {@link #claimTimeout()} keeps the others off the item.
     */
    protected boolean claims() {
        return false;
    }

    /**
     * Drops the claims this instance's earlier runs left (the same context and route on this host: it crashed and was
     * started again): it emits those items again, marked redelivered, instead of waiting for the claims to time out.
     */
    protected void releaseClaimsOfEarlierRuns() {
        if (position() == null) {
            return;
        }
        String me = holderId();
        changePosition(p -> {
            p.releaseClaims(o -> PushReplicas.earlierRunOf(o, me));
            return null;
        });
    }

    /** How long another replica's claim of an item keeps this one off it (then its owner is taken for dead). */
    protected Duration claimTimeout() {
        return Duration.ofMinutes(10);
    }

    /**
     * Changes the stored position as one step and returns what {@code change} returned. Unfenced on a shared
     * repository (push replicas all write the position) the read, change and write are one step for every instance,
     * so that none loses another's change; {@code change} may then run more than once. Otherwise this instance is the
     * only writer (fenced when the repository is).
     */
    private <R> R changePosition(java.util.function.Function<ConsumerPosition, R> change) {
        if (epoch < 0 && repository instanceof io.github.camelpaperless.component.SharedStateRepository shared) {
            java.util.concurrent.atomic.AtomicReference<R> result = new java.util.concurrent.atomic.AtomicReference<>();
            shared.update(stateKey, v -> {
                ConsumerPosition p = v == null ? ConsumerPosition.beginning() : ConsumerPosition.decode(v);
                result.set(change.apply(p));
                return p.encode();
            });
            return result.get();
        }
        synchronized (positionLock) {
            ConsumerPosition p = ConsumerPosition.decode(repository.getState(stateKey));
            if (p == null) {
                p = ConsumerPosition.beginning();
            }
            R r = change.apply(p);
            save(p);
            return r;
        }
    }

    /**
     * Serializes emitting between the poll and pushed items, so that one document is not emitted twice at once; waits
     * at most {@code wait} ({@code null}: as long as it takes) and reports {@code false} when it did not get it.
     */
    protected boolean lockEmitting(Duration wait) throws InterruptedException {
        if (wait == null) {
            emitLock.lockInterruptibly();
            return true;
        }
        return emitLock.tryLock(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    protected void unlockEmitting() {
        emitLock.unlock();
    }

    /** Whether an item is committed or remembered as done (read from the repository now). */
    protected boolean isDone(Item item) {
        ConsumerPosition p = position();
        return p != null && p.isDone(item.key());
    }

    /** The stored position, created from startFrom when there is none yet. */
    protected ConsumerPosition currentPosition() throws Exception {
        ConsumerPosition position = position();
        if (position != null) {
            return position;
        }
        position = initialPosition(StartPosition.parse(config.getStartFrom()));
        if (epoch < 0 && repository instanceof io.github.camelpaperless.component.SharedStateRepository shared) {
            String initial = position.encode();
            String stored = shared.update(stateKey, v -> v != null ? v : initial);
            if (stored.equals(initial)) {
                LOG.info("paperless:{} consumer starts at {} (startFrom={})", endpoint.getResource().path(),
                        position.watermark() == null ? "the beginning" : position.watermark(), config.getStartFrom());
            }
            return ConsumerPosition.decode(stored);
        }
        synchronized (positionLock) {
            ConsumerPosition stored = ConsumerPosition.decode(repository.getState(stateKey));
            if (stored != null) {
                return stored;
            }
            save(position);
            LOG.info("paperless:{} consumer starts at {} (startFrom={})", endpoint.getResource().path(),
                    position.watermark() == null ? "the beginning" : position.watermark(), config.getStartFrom());
            return position;
        }
    }

    /**
     * Records in the repository, before the exchange runs, that the item is in flight: a crash before its commit leaves
     * the mark, and the item emitted again says it is redelivered.
     */
    private ConsumerPosition.ClaimResult markEmitting(Item item) {
        if (claims()) {
            return changePosition(p -> p.claim(item.id(), item.key(), holderId(), System.currentTimeMillis(), claimTimeout()));
        }
        return changePosition(p -> p.emitting(item.id()) ? ConsumerPosition.ClaimResult.CLAIMED_REDELIVERED
                : ConsumerPosition.ClaimResult.CLAIMED);
    }

    private void commit(Item item, boolean pushed) {
        if (!stillHolds()) {
            LOG.warn("paperless:{} consumer: the exchange of {} completed after another instance took the position over: "
                     + "not committed and no after-success action — the holder emits it again, marked redelivered",
                    endpoint.getResource().path(), item.id());
            return;
        }
        try {
            onSuccess(item);
        } catch (Exception ex) {
            LOG.warn("After-success action for {} failed (the item is still committed): {}", item.id(), ex.getMessage());
        }
        try {
            commitNow(item, pushed);
        } catch (PositionFencedException e) {
            LOG.warn("paperless:{} consumer: the commit of {} was refused (another instance took the position over "
                     + "meanwhile): the holder emits it again, marked redelivered", endpoint.getResource().path(), item.id());
        }
    }

    private void commitNow(Item item, boolean pushed) {
        changePosition(p -> {
            if (pushed) {
                p.remember(item.key(), item.ts());
            } else {
                p.commit(item.key(), item.ts(), lookback());
            }
            p.landed(item.id());
            return null;
        });
    }

    /**
     * Moves the watermark over items already done (emitted by push) that lead the listing, so that the catch-up
     * window does not grow while every item arrives by push.
     */
    protected void advanceOver(List<Item> done) {
        if (done.isEmpty()) {
            return;
        }
        if (position() == null) {
            return;
        }
        try {
            changePosition(p -> {
                for (Item item : done) {
                    p.commit(item.key(), item.ts(), lookback());
                }
                return null;
            });
        } catch (PositionFencedException e) {
            // logged once by fence(); the holder moves it
        }
    }

    /**
     * Marks an item as changed by this consumer (an after-success action): its new timestamp is done, and a later
     * timestamp with the same {@code fingerprint} is recognised as the server re-stamping that change.
     */
    protected void rememberOwnChange(Object id, OffsetDateTime ts, String fingerprint) {
        rememberDone(id, ts, fingerprint);
    }

    /** Marks an extra key as done (e.g. a document's new modified time after an after-success action). */
    protected void rememberDone(Object id, OffsetDateTime ts) {
        rememberDone(id, ts, null);
    }

    /** Stores an extra done key, and the item's state fingerprint when it is our own change. */
    private void rememberDone(Object id, OffsetDateTime ts, String ownFingerprint) {
        if (ts == null || position() == null) {
            return;
        }
        try {
            changePosition(p -> {
                p.remember(ConsumerPosition.key(id, ts), ts);
                p.rememberOwnChange(id, ownFingerprint, ts);
                return null;
            });
        } catch (PositionFencedException e) {
            // logged once by fence()
        }
    }
}
