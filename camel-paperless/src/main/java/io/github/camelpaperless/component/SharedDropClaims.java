package io.github.camelpaperless.component;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The claims of instances that read one shared drop folder ({@code file:…?readLock=idempotent&idempotentRepository=#claims}):
 * wraps the repository they share (e.g. camel-sql's {@code JdbcOrphanLockAwareIdempotentRepository}) so that an
 * instance only ever releases the claims it holds.
 * <p>
 * Why: in Camel 4.22.0 camel-file's idempotent read lock, when it fails to claim a file another instance holds, aborts
 * and <em>removes that key</em> from the shared repository — the other instance's claim (CAMEL-24093 made the abort
 * remove the key; CAMEL-24484 fixes it in a later Camel). The next instance then claims the file again: measured with
 * three JVMs on one drop, every file was taken by two or three instances at once. Wrapped, the failed claim releases
 * nothing, and each file is processed by one instance.
 */
public class SharedDropClaims extends ServiceSupport implements IdempotentRepository {

    private final IdempotentRepository shared;
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    public SharedDropClaims(IdempotentRepository shared) {
        if (shared == null) {
            throw new IllegalArgumentException("SharedDropClaims needs the repository the instances share");
        }
        this.shared = shared;
    }

    /** The repository the instances share. */
    public IdempotentRepository getShared() {
        return shared;
    }

    /** Whether this instance holds the claim of a key (claimed it, not yet released). */
    public boolean holds(String key) {
        return held.contains(key);
    }

    @Override
    public boolean add(String key) {
        boolean claimed = shared.add(key);
        if (claimed) {
            held.add(key);
        }
        return claimed;
    }

    @Override
    public boolean add(Exchange exchange, String key) {
        boolean claimed = shared.add(exchange, key);
        if (claimed) {
            held.add(key);
        }
        return claimed;
    }

    @Override
    public boolean contains(String key) {
        return shared.contains(key);
    }

    @Override
    public boolean contains(Exchange exchange, String key) {
        return shared.contains(exchange, key);
    }

    /** Releases a claim this instance holds; another instance's claim is left alone. */
    @Override
    public boolean remove(String key) {
        return held.remove(key) && shared.remove(key);
    }

    @Override
    public boolean remove(Exchange exchange, String key) {
        return held.remove(key) && shared.remove(exchange, key);
    }

    @Override
    public boolean confirm(String key) {
        return held.contains(key) && shared.confirm(key);
    }

    @Override
    public boolean confirm(Exchange exchange, String key) {
        return held.contains(key) && shared.confirm(exchange, key);
    }

    @Override
    public void clear() {
        held.clear();
        shared.clear();
    }

    @Override
    protected void doStart() throws Exception {
        ServiceHelper.startService(shared);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(shared);
    }

    @Override
    public String toString() {
        return "SharedDropClaims[" + shared + "]";
    }
}
