package io.github.camelpaperless.component;

import io.github.camelpaperless.client.PaperlessClient;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * What an {@link Operation.Call} works with: the exchange, the endpoint (its resource and options), the client, and
 * the operation groups that read complex inputs (documents, tasks, other objects).
 */
public final class OperationContext {

    private final Exchange exchange;
    private final String operation;
    private final Handlers handlers;

    /** The per-producer operation groups. */
    record Handlers(PaperlessEndpoint endpoint, ObjectOperations objects, DocumentOperations documents,
                    TaskOperations tasks) {
        static Handlers of(PaperlessEndpoint endpoint) {
            return new Handlers(endpoint, new ObjectOperations(endpoint), new DocumentOperations(endpoint),
                    new TaskOperations(endpoint));
        }
    }

    OperationContext(Exchange exchange, String operation, Handlers handlers) {
        this.exchange = exchange;
        this.operation = operation;
        this.handlers = handlers;
    }

    public Exchange exchange() {
        return exchange;
    }

    public Message message() {
        return exchange.getMessage();
    }

    /** The name of the running operation. */
    public String operation() {
        return operation;
    }

    public PaperlessEndpoint endpoint() {
        return handlers.endpoint();
    }

    public PaperlessConfiguration config() {
        return handlers.endpoint().getConfiguration();
    }

    public PaperlessResource resource() {
        return handlers.endpoint().getResource();
    }

    public PaperlessClient client() throws Exception {
        return handlers.endpoint().getClient();
    }

    /** The object id (header {@code CamelPaperlessId}, option {@code id}, or an Integer body), also set as the header. */
    public int id() {
        int id = ExchangeInputs.requireId(exchange, config(), operation);
        IdHeader.set(message(), resource(), id);
        return id;
    }

    ObjectOperations objects() {
        return handlers.objects();
    }

    DocumentOperations documents() {
        return handlers.documents();
    }

    TaskOperations tasks() {
        return handlers.tasks();
    }
}
