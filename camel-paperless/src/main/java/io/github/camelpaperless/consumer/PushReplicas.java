package io.github.camelpaperless.consumer;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelpaperless.component.SharedStateRepository;

/**
 * The replicas of one push consumer ({@code paperless:documents?push=true} behind one webhook URL, one shared position)
 * as they know each other through their shared state repository: who is alive (each replica renews its entry at every
 * catch-up tick), which one runs the catch-up poll (one at a time: the one that took the turn while it stays alive), and
 * whether a replica that stops is the last one (only the last one deletes the workflow with
 * {@code deleteWorkflowOnStop}).
 * <p>
 * Stored under {@code <state key>.replicas} as {@code {"catchUp": owner, "live": {owner: last seen (epoch millis)}}}.
 * A replica is taken for alive while it was seen within {@link #liveFor}, twice the catch-up interval: a crashed
 * replica's turn passes to another after that.
 */
final class PushReplicas {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SharedStateRepository repository;
    private final String key;
    private final String owner;
    private final Duration liveFor;
    private final java.util.function.LongSupplier clock;

    PushReplicas(SharedStateRepository repository, String stateKey, String owner, Duration catchUpDelay,
                 java.util.function.LongSupplier clock) {
        this.repository = repository;
        this.key = stateKey + ".replicas";
        this.owner = owner;
        this.liveFor = catchUpDelay.multipliedBy(2).plusSeconds(5);
        this.clock = clock;
    }

    /** How long a replica not seen is taken for alive. */
    Duration liveFor() {
        return liveFor;
    }

    /**
     * Registers this replica (at start), forgetting its own earlier runs (the same context and route on this host,
     * another process: it was restarted): their catch-up turn passes at once.
     */
    void join() {
        change(state -> {
            ObjectNode live = live(state);
            java.util.List<String> earlier = new java.util.ArrayList<>();
            live.fieldNames().forEachRemaining(o -> {
                if (earlierRunOf(o, owner)) {
                    earlier.add(o);
                }
            });
            live.remove(earlier);
            live.put(owner, clock.getAsLong());
            return null;
        });
    }

    /**
     * Whether {@code other} is an earlier run of {@code me}: the same context and route on the same host in another
     * process ({@code <context>/<route> on <pid>@<host>}).
     */
    static boolean earlierRunOf(String other, String me) {
        if (other.equals(me) || !withoutPid(other).equals(withoutPid(me))) {
            return false;
        }
        // a sibling on this host with the same context and route is alive: not an earlier run
        java.util.regex.Matcher m = PID.matcher(other);
        return !(m.find() && ProcessHandle.of(Long.parseLong(m.group(1))).map(ProcessHandle::isAlive).orElse(false));
    }

    private static final java.util.regex.Pattern PID = java.util.regex.Pattern.compile(" on (\\d+)@");

    private static String withoutPid(String owner) {
        return owner.replaceFirst(" on \\d+@", " on @");
    }

    /**
     * Renews this replica's entry and tells whether it runs the catch-up poll now: it does when it holds the turn, or
     * takes it because nobody holds it or its holder was not seen for {@link #liveFor} (crashed) or left.
     */
    boolean catchUpTurn() {
        AtomicBoolean mine = new AtomicBoolean();
        change(state -> {
            mine.set(false); // the change may run more than once (a retried transaction)
            long now = clock.getAsLong();
            ObjectNode live = live(state);
            live.put(owner, now);
            forgetDead(live, now);
            String holder = state.path("catchUp").asText(null);
            if (holder == null || holder.equals(owner) || !live.has(holder)) {
                state.put("catchUp", owner);
                mine.set(true);
            }
            return null;
        });
        return mine.get();
    }

    /**
     * Unregisters this replica (a clean stop) and hands its catch-up turn back.
     *
     * @return how many other replicas are alive
     */
    int leave() {
        AtomicInteger others = new AtomicInteger();
        change(state -> {
            ObjectNode live = live(state);
            live.remove(owner);
            forgetDead(live, clock.getAsLong());
            if (owner.equals(state.path("catchUp").asText(null))) {
                state.remove("catchUp");
            }
            others.set(live.size());
            return null;
        });
        return others.get();
    }

    private void forgetDead(ObjectNode live, long now) {
        for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = live.fields(); it.hasNext();) {
            if (now - it.next().getValue().asLong() > liveFor.toMillis()) {
                it.remove();
            }
        }
    }

    private static ObjectNode live(ObjectNode state) {
        return state.has("live") ? (ObjectNode) state.get("live") : state.putObject("live");
    }

    private void change(java.util.function.Function<ObjectNode, Void> f) {
        repository.update(key, v -> {
            ObjectNode state;
            try {
                state = v == null || v.isBlank() ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(v);
            } catch (Exception e) {
                state = JSON.createObjectNode(); // unreadable: start the registry again (every replica re-registers)
            }
            f.apply(state);
            return state.toString();
        });
    }
}
