package io.github.camelpaperless.consumer;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.camelpaperless.client.ApiVersions;
import io.github.camelpaperless.client.Csv;
import io.github.camelpaperless.client.Page;
import io.github.camelpaperless.client.PaperlessClient;
import io.github.camelpaperless.client.Query;
import io.github.camelpaperless.client.model.Task;
import io.github.camelpaperless.component.IdHeader;
import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.component.PaperlessEndpoint;
import io.github.camelpaperless.component.PaperlessResource;
import io.github.camelpaperless.component.StartPosition;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code from("paperless:tasks")}: one exchange per task that reached a terminal state (success, failure, revoked)
 * since the last committed position, in the order they finished. Works on API 10 (paginated, server-side filters) and
 * API 9 (plain list, filtered here).
 */
public class PaperlessTaskConsumer extends AbstractPaperlessConsumer {

    private static final Set<String> TERMINAL = Set.of("success", "failure", "revoked");

    public PaperlessTaskConsumer(PaperlessEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    protected String defaultStateKey() {
        return "paperless.tasks" + (csv(config.getTaskType()).isEmpty() ? "" : "." + String.join("+", csv(config.getTaskType())))
               + (csv(config.getStatus()).isEmpty() ? "" : "." + String.join("+", csv(config.getStatus())))
               + (csv(config.getTriggerSource()).isEmpty() ? "" : "." + String.join("+", csv(config.getTriggerSource())));
    }

    private static List<String> csv(String s) {
        return Csv.split(s).stream().map(x -> x.toLowerCase(Locale.ROOT)).collect(Collectors.toList());
    }

    /**
     * The terminal tasks matching the filters, newest finished first: lazily by page on API 10; on API 9 one
     * unpaginated list, narrowed by whatever filters the server applies there (see {@link ApiVersions#terminalTasks}).
     */
    private Iterable<Task> terminalTasks(PaperlessClient c) {
        return terminalTasks(c, null);
    }

    /** Tasks in the first page of an idle API 10 poll: enough to see that nothing finished since the position. */
    static final int HEAD = 5;

    /**
     * Like {@link #terminalTasks(PaperlessClient)}; on API 10, when {@code from} is known, first one small page: if its
     * oldest task finished before {@code from}, that page holds everything new (an idle poll is one request for
     * {@value #HEAD} tasks); otherwise the listing continues with full pages.
     */
    private Iterable<Task> terminalTasks(PaperlessClient c, OffsetDateTime from) {
        int version = c.negotiate();
        Query q = config.filterQuery();
        if (config.getAcknowledged() != null) {
            q.set("acknowledged", config.getAcknowledged());
        }
        Query server = ApiVersions.terminalTasks(version, c.serverVersion(), csv(config.getStatus()),
                csv(config.getTaskType()), csv(config.getTriggerSource()));
        server.asMap().forEach(q::set);
        if (version >= 10) {
            if (from != null) {
                Page<Task> head = c.tasks().page(q.copy().set("page_size", HEAD), 1);
                List<Task> items = head.items();
                Task oldest = items.isEmpty() ? null : items.get(items.size() - 1);
                if (head.next() == null || oldest != null && oldest.dateDone() != null && oldest.dateDone().isBefore(from)) {
                    return items;
                }
            }
            int limit = config.getMaxMessagesPerPoll();
            q.set("page_size", limit > 0 ? Math.min(config.getPageSize(), limit) : config.getPageSize());
            return c.tasks().list(q, 0);
        }
        List<Task> all = new ArrayList<>();
        for (Task t : c.tasks().list(q, 0)) {
            all.add(t);
        }
        all.sort(Comparator.comparing((Task t) -> t.dateDone() == null ? OffsetDateTime.MIN : t.dateDone()).reversed());
        return all;
    }

    private boolean matches(Task t) {
        String status = t.status() == null ? "" : t.status().value();
        if (!TERMINAL.contains(status)) {
            return false;
        }
        List<String> statuses = csv(config.getStatus());
        if (!statuses.isEmpty() && !statuses.contains(status)) {
            return false;
        }
        List<String> types = csv(config.getTaskType());
        if (!types.isEmpty() && (t.taskType() == null || !types.contains(t.taskType().value()))) {
            return false;
        }
        List<String> sources = csv(config.getTriggerSource());
        if (!sources.isEmpty()) {
            if (t.triggerSource() != null) {
                return sources.contains(t.triggerSource().value());
            }
            // API 9 has only the coarser type
            return t.type() != null && sources.stream().map(ApiVersions::v9TaskType).anyMatch(t.type()::equals);
        }
        return true;
    }

    @Override
    protected ConsumerPosition initialPosition(StartPosition start) throws Exception {
        switch (start.kind()) {
            case BEGINNING:
                return ConsumerPosition.beginning();
            case DATE_TIME:
                return ConsumerPosition.at(start.dateTime(), List.of());
            case ID:
                throw new IllegalArgumentException("startFrom=<id> is for paperless:documents; for tasks use now, beginning "
                                                   + "or an ISO date-time");
            default:
                for (Task t : terminalTasks(client())) {
                    if (matches(t) && t.dateDone() != null) {
                        return ConsumerPosition.at(t.dateDone(), List.of(ConsumerPosition.key(t.id(), t.dateDone())));
                    }
                }
                return ConsumerPosition.beginning();
        }
    }

    @Override
    protected List<Item> fetch(ConsumerPosition position, int limit) throws Exception {
        OffsetDateTime from = position.listFrom(lookback());
        List<Item> out = new ArrayList<>();
        for (Task t : terminalTasks(client(), from)) {
            OffsetDateTime done = t.dateDone() == null ? t.dateCreated() : t.dateDone();
            if (from != null && done != null && done.isBefore(from)) {
                break; // newest first: everything after this is older
            }
            if (!matches(t) || position.isDone(ConsumerPosition.key(t.id(), done))) {
                continue;
            }
            out.add(new Item(t.id(), done, t));
        }
        out.sort(Comparator.comparing((Item i) -> i.ts() == null ? OffsetDateTime.MIN : i.ts())
                .thenComparing(i -> (Integer) i.id()));
        return limit > 0 && out.size() > limit ? out.subList(0, limit) : out;
    }

    @Override
    protected void fill(Exchange exchange, Item item) {
        Task t = (Task) item.payload();
        exchange.getMessage().setBody(t);
        IdHeader.setTask(exchange.getMessage(), t);
    }

    @Override
    protected void onSuccess(Item item) throws Exception {
        if (config.isAcknowledge()) {
            client().tasks().acknowledge(List.of((Integer) item.id()));
        }
    }

}
