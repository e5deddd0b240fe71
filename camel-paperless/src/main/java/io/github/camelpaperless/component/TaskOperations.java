package io.github.camelpaperless.component;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelpaperless.client.ErrorMapper;
import io.github.camelpaperless.client.PaperlessClient;
import io.github.camelpaperless.client.PaperlessNotFoundException;
import io.github.camelpaperless.client.PaperlessTaskFailedException;
import io.github.camelpaperless.client.Query;
import io.github.camelpaperless.client.TasksClient;
import io.github.camelpaperless.client.model.Document;
import io.github.camelpaperless.client.model.Task;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import static io.github.camelpaperless.component.ExchangeInputs.*;

/** The tasks and trash operations. */
final class TaskOperations {

    private static final Pattern UUID = Pattern.compile("(?i)^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    private final PaperlessEndpoint endpoint;
    private final PaperlessConfiguration config;

    TaskOperations(PaperlessEndpoint endpoint) {
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
    }

    private PaperlessClient client() throws Exception {
        return endpoint.getClient();
    }

    /** A task by UUID (header CamelPaperlessTaskId / CamelPaperlessId, option id, or String body) or integer id. */
    Object get(Exchange exchange) throws Exception {
        Message m = exchange.getMessage();
        Object raw = m.getHeader(PaperlessConstants.TASK_ID);
        if (raw == null) {
            raw = rawId(exchange, config);
        }
        if (raw == null && m.getBody() instanceof String) {
            raw = m.getBody();
        }
        if (raw == null) {
            throw new IllegalArgumentException("tasks get needs a task UUID or id: header " + PaperlessConstants.TASK_ID
                                               + " or " + PaperlessConstants.ID + ", option id, or the body");
        }
        String s = String.valueOf(raw).trim();
        Task t;
        if (UUID.matcher(s).matches()) {
            t = client().tasks().byUuid(s);
            if (t == null) {
                throw new PaperlessNotFoundException("Task " + s + " not found (or not visible to this user)", 404, "GET",
                        "/api/tasks/?task_id=" + s, Map.of(), null, null);
            }
        } else {
            t = client().tasks().get(toId(s, PaperlessConstants.ID));
        }
        return IdHeader.setTask(m, t);
    }

    Object list(Exchange exchange) throws Exception {
        return client().tasks().list(listQuery(exchange, config), config.getMaxResults());
    }

    Object active(Exchange exchange) throws Exception {
        return client().tasks().active();
    }

    Object summary(Exchange exchange) throws Exception {
        Integer days = exchange.getMessage().getHeader(PaperlessConstants.DAYS, config.getDays(), Integer.class);
        if (days != null && (days < 1 || days > 365)) {
            throw new IllegalArgumentException("days must be between 1 and 365, was " + days);
        }
        return client().tasks().summary(days);
    }

    Object statusCounts(Exchange exchange) throws Exception {
        return client().tasks().statusCounts(listQuery(exchange, config));
    }

    Object acknowledge(Exchange exchange) throws Exception {
        if (config.isAll()) {
            return client().tasks().acknowledgeAll();
        }
        List<Integer> ids = ids(exchange, PaperlessConstants.IDS, true);
        if (ids == null || ids.isEmpty()) {
            throw new IllegalArgumentException("acknowledge needs task ids (a List body or header " + PaperlessConstants.IDS
                                               + "), or all=true");
        }
        return client().tasks().acknowledge(ids);
    }

    Object run(Exchange exchange) throws Exception {
        String type = config.getTaskType();
        if (type == null && exchange.getMessage().getBody() instanceof String) {
            type = exchange.getMessage().getBody(String.class);
        }
        TasksClient.RunResult r = client().tasks().run(type);
        if (r.taskId() == null) {
            // Paperless-ngx 2.x ran the task before answering: its result is the body
            exchange.getMessage().setHeader(PaperlessConstants.TASK_STATUS, "SUCCESS");
            return r.result();
        }
        exchange.getMessage().setHeader(PaperlessConstants.TASK_ID, r.taskId());
        return r.taskId();
    }

    /** Waits until the task is terminal; with failOnTaskFailure a failed task raises. */
    Object poll(Exchange exchange) throws Exception {
        Message m = exchange.getMessage();
        String uuid = m.getHeader(PaperlessConstants.TASK_ID, String.class);
        if (uuid == null && m.getBody() instanceof Task) {
            uuid = m.getBody(String.class); // a task polls itself (PaperlessConverters: Task to its UUID)
        }
        if (uuid == null && m.getBody() instanceof String) {
            uuid = m.getBody(String.class).trim();
            if (uuid.startsWith("\"") && uuid.endsWith("\"")) {
                uuid = uuid.substring(1, uuid.length() - 1);
            }
        }
        if (uuid == null || !UUID.matcher(uuid).matches()) {
            throw new IllegalArgumentException("poll needs a task UUID in the header " + PaperlessConstants.TASK_ID
                                               + " or the body (upload returns one), was " + uuid);
        }
        Task t = client().tasks().waitFor(uuid, Duration.ofMillis(config.getPollInterval()),
                Duration.ofMillis(config.getTaskPollMaxInterval()), Duration.ofMillis(config.getWaitTimeout()),
                Duration.ofMillis(config.getTaskOrphanedAfter()));
        IdHeader.setTask(m, t);
        if (!t.isSuccess() && config.isFailOnTaskFailure()) {
            throw new PaperlessTaskFailedException(t);
        }
        return t;
    }

    // ---- trash

    Object trashList(Exchange exchange) throws Exception {
        return client().list("trash", listQuery(exchange, config), client().type(Document.class), config.getMaxResults());
    }

    Object restore(Exchange exchange) throws Exception {
        List<Integer> ids = ids(exchange, PaperlessConstants.DOCUMENT_IDS, true);
        if (ids == null || ids.isEmpty()) {
            throw new IllegalArgumentException("restore needs document ids: a List body or header " + PaperlessConstants.DOCUMENT_IDS);
        }
        return trash("restore", ids);
    }

    Object empty(Exchange exchange) throws Exception {
        List<Integer> ids = ids(exchange, PaperlessConstants.DOCUMENT_IDS, true);
        if ((ids == null || ids.isEmpty()) && !config.isAll()) {
            throw new IllegalArgumentException("empty needs document ids (a List body or header " + PaperlessConstants.DOCUMENT_IDS
                                               + "); to purge the whole trash set all=true explicitly");
        }
        return trash("empty", ids == null || ids.isEmpty() ? null : ids);
    }

    private Object trash(String action, List<Integer> ids) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", action);
        if (ids != null) {
            body.put("documents", ids);
        }
        PaperlessClient c = client();
        return ErrorMapper.requireOk(c.send("POST", "trash", Query.create(), body, c.type(JsonNode.class)),
                "trash " + action);
    }
}
