package io.github.camelpaperless.component;

import org.apache.camel.spi.StateRepository;

/**
 * A {@link StateRepository} several instances of an application share, whose values they can change at once without
 * losing each other's changes: what the upload ledger of a shared drop ({@code uploadStateRepository}) needs. The
 * consumers' {@code JdbcStateRepository} and {@code SharedFileStateRepository} are ones.
 */
public interface SharedStateRepository extends StateRepository<String, String> {

    /**
     * Changes a key's value as one step for every instance sharing the repository (read, change, write; unfenced), so
     * that two instances changing one value at once both land: what a value several instances change needs (the
     * upload ledger of a shared drop). {@code change} gets the current value ({@code null} when there is none) and may
     * be called more than once; it returns the new value.
     *
     * @return the value written
     */
    String update(String key, java.util.function.UnaryOperator<String> change);
}
