package io.github.camelpaperless.component;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * One producer operation for some resources, defined once: its name, the resources it applies to, what it reads
 * (headers, options, body), what it returns, and the call. The producer's dispatch, the endpoint's validation, the
 * operation table in the docs and the check of the {@code operation} option's metadata all read these definitions
 * ({@link Operations}).
 */
public final class Operation {

    /** What an operation does with one exchange: reads it, calls the client, returns the new body (or null: unchanged). */
    @FunctionalInterface
    public interface Call {
        Object run(OperationContext x) throws Exception;
    }

    private final String name;
    private final Set<PaperlessResource> resources;
    private final String inputs;
    private final String result;
    private final Call call;

    Operation(String name, Set<PaperlessResource> resources, String inputs, String result, Call call) {
        if (resources.isEmpty()) {
            throw new IllegalArgumentException("Operation " + name + " applies to no resource");
        }
        this.name = name;
        this.resources = Collections.unmodifiableSet(EnumSet.copyOf(resources));
        this.inputs = inputs;
        this.result = result;
        this.call = call;
    }

    /** The name, as in the option {@code operation} and the header {@code CamelPaperlessOperation}. */
    public String name() {
        return name;
    }

    /** The resources this definition applies to. */
    public Set<PaperlessResource> resources() {
        return resources;
    }

    /** What it reads, for the docs. */
    public String inputs() {
        return inputs;
    }

    /** What it returns, for the docs. */
    public String result() {
        return result;
    }

    Call call() {
        return call;
    }

    @Override
    public String toString() {
        return name + " " + resources;
    }
}
