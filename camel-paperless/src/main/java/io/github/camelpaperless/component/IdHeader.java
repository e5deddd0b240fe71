package io.github.camelpaperless.component;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.camelpaperless.client.model.Task;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The header {@code CamelPaperlessId} is an input (which object) and a result (which object the step worked on). Every
 * step that sets it also records whose id it is in {@code CamelPaperlessIdResource} ({@code tags:12}). A later step on
 * another resource that finds the header still holding that value would silently take, say, a tag's id for a
 * document's: it reads it all the same (a route may mean it), but says so in the log, once per endpoint and resource.
 * The safe pattern: set {@code CamelPaperlessId} (or use the option {@code id}) for each step, or remove the headers
 * ({@code removeHeaders("CamelPaperless*")}) between steps on different resources.
 */
public final class IdHeader {

    private static final Logger LOG = LoggerFactory.getLogger(IdHeader.class);
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private IdHeader() {
    }

    /** Sets {@code CamelPaperlessId} as the id of an object of {@code resource}. */
    public static void set(Message m, PaperlessResource resource, Object id) {
        m.setHeader(PaperlessConstants.ID, id);
        m.setHeader(PaperlessConstants.ID_RESOURCE, resource.path() + ":" + id);
    }

    /**
     * The headers of a task result: {@code CamelPaperlessTaskId}, {@code CamelPaperlessTaskStatus} and, when the task
     * names a document (created, or the duplicate it matched), {@code CamelPaperlessId}. Returns the task.
     */
    public static Task setTask(Message m, Task t) {
        m.setHeader(PaperlessConstants.TASK_ID, t.taskId());
        m.setHeader(PaperlessConstants.TASK_STATUS, t.status() == null ? null : t.status().value());
        Integer doc = t.documentId() != null ? t.documentId() : t.relatedDocuments().isEmpty() ? null : t.relatedDocuments().get(0);
        if (doc != null) {
            set(m, PaperlessResource.documents, doc);
        }
        return t;
    }

    /** The {@code CamelPaperlessId} header for a step on {@code resource}, warning when it is another resource's result. */
    public static Object read(Message m, PaperlessResource resource, PaperlessConfiguration endpointConfig) {
        Object id = m.getHeader(PaperlessConstants.ID);
        String origin = m.getHeader(PaperlessConstants.ID_RESOURCE, String.class);
        if (id != null && origin != null) {
            int colon = origin.lastIndexOf(':');
            String from = colon < 0 ? origin : origin.substring(0, colon);
            boolean unchanged = colon >= 0 && origin.substring(colon + 1).equals(String.valueOf(id).trim());
            if (unchanged && !from.equals(resource.path())
                    && WARNED.add(from + ">" + resource.path() + "@" + System.identityHashCode(endpointConfig))) {
                LOG.warn("paperless:{} reads CamelPaperlessId {}, which an earlier step set as the id of a paperless:{} "
                         + "object. If that is not meant, set CamelPaperlessId (or the option id) for this step, or remove "
                         + "the CamelPaperless* headers between steps on different resources (logged once per endpoint)",
                        resource.path(), id, from);
            }
        }
        return id;
    }
}
