package io.github.camelpaperless.consumer;

import org.apache.camel.spi.StateRepository;

/**
 * A {@link StateRepository} several instances share whose writes can be <em>fenced</em>: each key has an epoch, bumped
 * by {@link #takeOver} when an instance starts acting on the key (its consumer started, e.g. because it became the
 * leader), and a write made with an older epoch is refused. An instance that lost its leadership without noticing (paused
 * longer than its lease, partitioned from its cluster service, a route kept running after the loss) therefore cannot
 * write over the position of the instance that took over.
 * <p>
 * The consumers use it when their {@code stateRepository} is one: {@link JdbcStateRepository} (a database several
 * hosts share) and {@link SharedFileStateRepository} (one host, or a shared disk). The plain
 * {@link #setState(Object, Object)} writes unfenced (for tools and the upload ledger).
 */
public interface FencedStateRepository extends io.github.camelpaperless.component.SharedStateRepository {

    /** Who holds a key: its current epoch and the owner that took it over last ({@code null}: nobody yet). */
    record Holder(long epoch, String owner) {
    }

    /**
     * Makes {@code owner} the holder of the key: increments its epoch and returns the new one. Every write made before
     * with an older epoch is either already visible to the new holder or will be refused.
     */
    long takeOver(String key, String owner);

    /**
     * Writes the value only if {@code epoch} is still the key's current one.
     *
     * @return {@code false} when another instance took the key over since (the value is not written)
     */
    boolean setState(String key, String value, long epoch);

    /** The key's current epoch and owner ({@code epoch} 0 and no owner when nobody took it over yet). */
    Holder holder(String key);

}
