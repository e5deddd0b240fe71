package io.github.camelpaperless.component;

import java.util.Iterator;
import java.util.ServiceLoader;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;

/**
 * Makes the polling consumers of {@code from("paperless:...")}. The component does not depend on the consumer package:
 * the consumers register themselves ({@code META-INF/services}), as a Camel component's consumers depend on their
 * endpoint and not the other way round.
 */
public interface PaperlessConsumers {

    /**
     * A consumer for the endpoint's resource.
     *
     * @throws UnsupportedOperationException when the resource has no polling consumer
     */
    Consumer create(PaperlessEndpoint endpoint, Processor processor) throws Exception;

    /** The consumers registered with the component (the {@code consumer} package's). */
    static PaperlessConsumers find() {
        Iterator<PaperlessConsumers> it = ServiceLoader.load(PaperlessConsumers.class, PaperlessConsumers.class.getClassLoader())
                .iterator();
        if (!it.hasNext()) {
            throw new IllegalStateException("No paperless consumers registered (META-INF/services/"
                                            + PaperlessConsumers.class.getName() + " is missing from the classpath)");
        }
        return it.next();
    }

    /** What the dev console shows of a running consumer. */
    interface Info {
        String getStateKey();

        /** The watermark of the stored position, or {@code null} before the first commit. */
        String watermark();

        /** How many recent items the position remembers as done. */
        int rememberedCount();
    }
}
