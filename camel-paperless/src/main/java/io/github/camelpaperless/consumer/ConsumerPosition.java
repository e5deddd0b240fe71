package io.github.camelpaperless.consumer;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where a polling consumer stands: a watermark timestamp (the newest {@code added}/{@code modified}/{@code date_done}
 * committed) plus the keys ({@code id@timestamp}) of every item committed within the look-back window before it. Items
 * are read from {@code watermark - lookback} on, and the remembered keys are skipped: items with equal timestamps, out
 * of id order, or made visible late by the server are neither lost nor repeated.
 */
public final class ConsumerPosition {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OffsetDateTime watermark;
    /** Nothing older than this is ever emitted (the start position). */
    private OffsetDateTime floor;
    private final Map<String, OffsetDateTime> seen = new LinkedHashMap<>();
    /**
     * Items the consumer changed itself (after-success actions), by id: a fingerprint of their state right after the
     * change, and when. A later {@code modified} with the same state is the server re-stamping our own change.
     */
    private final Map<String, Own> own = new LinkedHashMap<>();
    /**
     * Items emitted whose exchange has not completed successfully yet, by id: after a crash (or a failed exchange) they
     * are emitted again, marked as redelivered.
     */
    private final java.util.Set<String> inFlight = new java.util.LinkedHashSet<>();
    /**
     * Which instance is emitting an item right now, by id (push consumers on several replicas): another replica leaves
     * the item to it while the claim is younger than the claim timeout, and takes it over after (the claimer crashed).
     */
    private final Map<String, Claim> claims = new LinkedHashMap<>();

    /** An instance emitting an item since {@code at} (epoch millis). */
    record Claim(String owner, long at) {
    }

    /** What {@link #claim} found. */
    public enum ClaimResult {
        /** Claimed by the caller; the item was not emitted before. */
        CLAIMED,
        /** Claimed by the caller; the item was emitted before without completing (emit it marked redelivered). */
        CLAIMED_REDELIVERED,
        /** Done already (committed or remembered): nothing to emit. */
        DONE,
        /** Another instance is emitting it (its claim is younger than the timeout): leave it to that one. */
        HELD_ELSEWHERE
    }

    /** How long after our own change the server may still re-stamp it (background tasks) and we must recognise it. */
    static final Duration OWN_CHANGE_RETENTION = Duration.ofHours(1);

    private record Own(String fingerprint, OffsetDateTime ts) {
    }

    /** No watermark: every item is new. */
    public static ConsumerPosition beginning() {
        return new ConsumerPosition();
    }

    /** Items after {@code watermark} are new; {@code seenKeys} (at that time) count as done. */
    public static ConsumerPosition at(OffsetDateTime watermark, List<String> seenKeys) {
        ConsumerPosition p = new ConsumerPosition();
        p.watermark = watermark;
        p.floor = watermark;
        if (seenKeys != null) {
            seenKeys.forEach(k -> p.seen.put(k, watermark));
        }
        return p;
    }

    public OffsetDateTime watermark() {
        return watermark;
    }

    /** The lower bound to list from: the watermark minus the look-back, or {@code null} from the beginning. */
    public OffsetDateTime listFrom(Duration lookback) {
        if (watermark == null) {
            return floor;
        }
        OffsetDateTime from = watermark.minus(lookback);
        return floor != null && from.isBefore(floor) ? floor : from;
    }

    public OffsetDateTime floor() {
        return floor;
    }

    public static String key(Object id, OffsetDateTime ts) {
        return id + "@" + (ts == null ? "" : ts.toInstant().toString());
    }

    public boolean isDone(String key) {
        return seen.containsKey(key);
    }

    /**
     * Marks an item done and moves the watermark forward (never back); forgets keys older than the look-back window.
     */
    public void commit(String key, OffsetDateTime ts, Duration lookback) {
        if (ts != null) {
            seen.put(key, ts);
            if (watermark == null || ts.isAfter(watermark)) {
                watermark = ts;
            }
        }
        if (watermark != null) {
            OffsetDateTime horizon = watermark.minus(lookback);
            for (Iterator<Map.Entry<String, OffsetDateTime>> it = seen.entrySet().iterator(); it.hasNext();) {
                Map.Entry<String, OffsetDateTime> e = it.next();
                if (e.getValue().isBefore(horizon)) {
                    it.remove();
                }
            }
            // a re-stamp of our change is at most OWN_CHANGE_RETENTION later; once that is older than what is listed,
            // the fingerprint is no longer needed
            OffsetDateTime ownHorizon = horizon.minus(OWN_CHANGE_RETENTION);
            own.values().removeIf(o -> o.ts().isBefore(ownHorizon));
        }
    }

    /** Records the state of an item right after the consumer's own change to it. */
    public void rememberOwnChange(Object id, String fingerprint, OffsetDateTime ts) {
        if (ts != null && fingerprint != null) {
            own.put(String.valueOf(id), new Own(fingerprint, ts));
        }
    }

    /** The fingerprint recorded by {@link #rememberOwnChange}, or {@code null}. */
    public String ownFingerprint(Object id) {
        Own o = own.get(String.valueOf(id));
        return o == null ? null : o.fingerprint();
    }

    /**
     * Remembers a key as done without moving the watermark (e.g. a document changed by the consumer's own
     * after-success action, so mode=modified does not emit it again).
     */
    public void remember(String key, OffsetDateTime ts) {
        if (ts != null) {
            seen.put(key, ts);
        }
    }

    /** Records that an item is being emitted; returns whether it was emitted before without completing. */
    public boolean emitting(Object id) {
        return !inFlight.add(String.valueOf(id));
    }

    /** Whether an item was emitted and its exchange has not completed successfully. */
    public boolean isInFlight(Object id) {
        return inFlight.contains(String.valueOf(id));
    }

    /** The item's exchange completed successfully. */
    public void landed(Object id) {
        inFlight.remove(String.valueOf(id));
        claims.remove(String.valueOf(id));
    }

    /**
     * Claims an item for {@code owner} unless it is done or another owner's claim is younger than {@code timeout}
     * (then that owner is emitting it); a claimed item is also marked in flight.
     */
    public ClaimResult claim(Object id, String key, String owner, long now, Duration timeout) {
        if (key != null && isDone(key)) {
            return ClaimResult.DONE;
        }
        String k = String.valueOf(id);
        Claim c = claims.get(k);
        if (c != null && !c.owner().equals(owner) && now - c.at() < timeout.toMillis()) {
            return ClaimResult.HELD_ELSEWHERE;
        }
        claims.put(k, new Claim(owner, now));
        return emitting(id) ? ClaimResult.CLAIMED_REDELIVERED : ClaimResult.CLAIMED;
    }

    /** Gives up the caller's claim of an item (its exchange failed): another instance may emit it; it stays in flight. */
    public void release(Object id, String owner) {
        Claim c = claims.get(String.valueOf(id));
        if (c != null && c.owner().equals(owner)) {
            claims.remove(String.valueOf(id));
        }
    }

    /** Drops the claims whose owner matches (e.g. an earlier run of this instance, which crashed). */
    public void releaseClaims(java.util.function.Predicate<String> owner) {
        claims.values().removeIf(c -> owner.test(c.owner()));
    }

    /** The owner of an item's claim, or {@code null}. */
    public String claimOwner(Object id) {
        Claim c = claims.get(String.valueOf(id));
        return c == null ? null : c.owner();
    }

    public int seenCount() {
        return seen.size();
    }

    /** A compact single-line JSON form (fits Camel's file state repository). */
    public String encode() {
        ObjectNode n = JSON.createObjectNode();
        n.put("watermark", watermark == null ? null : watermark.toString());
        n.put("floor", floor == null ? null : floor.toString());
        ObjectNode s = n.putObject("seen");
        seen.forEach((k, v) -> s.put(k, v.toString()));
        if (!own.isEmpty()) {
            ObjectNode o = n.putObject("own");
            own.forEach((k, v) -> o.put(k, v.fingerprint() + "@" + v.ts()));
        }
        if (!inFlight.isEmpty()) {
            com.fasterxml.jackson.databind.node.ArrayNode a = n.putArray("inFlight");
            inFlight.forEach(a::add);
        }
        if (!claims.isEmpty()) {
            ObjectNode c = n.putObject("claims");
            claims.forEach((k, v) -> c.put(k, v.at() + " " + v.owner()));
        }
        return n.toString();
    }

    public static ConsumerPosition decode(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(value);
            ConsumerPosition p = new ConsumerPosition();
            if (n.hasNonNull("watermark")) {
                p.watermark = OffsetDateTime.parse(n.get("watermark").asText());
            }
            if (n.hasNonNull("floor")) {
                p.floor = OffsetDateTime.parse(n.get("floor").asText());
            }
            List<String> keys = new ArrayList<>();
            n.path("seen").fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                p.seen.put(k, OffsetDateTime.parse(n.path("seen").get(k).asText()));
            }
            n.path("inFlight").forEach(i -> p.inFlight.add(i.asText()));
            n.path("claims").fields().forEachRemaining(e -> {
                String v = e.getValue().asText();
                int sp = v.indexOf(' ');
                if (sp > 0 && v.substring(0, sp).matches("\\d+")) { // an unreadable claim is dropped, not fatal
                    p.claims.put(e.getKey(), new Claim(v.substring(sp + 1), Long.parseLong(v.substring(0, sp))));
                }
            });
            n.path("own").fields().forEachRemaining(e -> {
                String v = e.getValue().asText();
                int at = v.indexOf('@');
                p.own.put(e.getKey(), new Own(v.substring(0, at), OffsetDateTime.parse(v.substring(at + 1))));
            });
            return p;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the stored consumer position '" + value
                                            + "': remove it from the state repository to start again (see startFrom)", e);
        }
    }

    @Override
    public String toString() {
        return "ConsumerPosition[watermark=" + watermark + ", seen=" + seen.size() + ", own=" + own.size() + "]";
    }
}
