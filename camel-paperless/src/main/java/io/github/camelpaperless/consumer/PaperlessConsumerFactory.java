package io.github.camelpaperless.consumer;

import io.github.camelpaperless.component.PaperlessConsumers;
import io.github.camelpaperless.component.PaperlessEndpoint;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledBatchPollingConsumer;

/** The polling consumers: {@code paperless:documents} and {@code paperless:tasks}. */
public final class PaperlessConsumerFactory implements PaperlessConsumers {

    @Override
    public Consumer create(PaperlessEndpoint endpoint, Processor processor) throws Exception {
        ScheduledBatchPollingConsumer consumer;
        switch (endpoint.getResource()) {
            case documents:
                consumer = new PaperlessDocumentConsumer(endpoint, processor);
                break;
            case tasks:
                consumer = new PaperlessTaskConsumer(endpoint, processor);
                break;
            default:
                throw new UnsupportedOperationException(
                        "paperless:" + endpoint.getResource().path() + " cannot be used in from(): polling consumers exist "
                                                        + "for paperless:documents and paperless:tasks");
        }
        consumer.setMaxMessagesPerPoll(endpoint.getConfiguration().getMaxMessagesPerPoll());
        return consumer;
    }
}
