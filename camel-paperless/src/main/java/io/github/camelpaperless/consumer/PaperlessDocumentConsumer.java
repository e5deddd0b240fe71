package io.github.camelpaperless.consumer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelpaperless.client.Csv;
import io.github.camelpaperless.client.DocumentSelection;
import io.github.camelpaperless.client.Download;
import io.github.camelpaperless.client.NameResolver;
import io.github.camelpaperless.client.Page;
import io.github.camelpaperless.client.PaperlessClient;
import io.github.camelpaperless.client.Query;
import io.github.camelpaperless.client.model.Document;
import io.github.camelpaperless.component.DownloadBodies;
import io.github.camelpaperless.component.IdHeader;
import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.component.PaperlessEndpoint;
import io.github.camelpaperless.component.PaperlessResource;
import io.github.camelpaperless.component.StartPosition;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code from("paperless:documents")}: one exchange per document added (or, with {@code mode=modified}, changed)
 * since the last committed position, oldest first. Every document filter applies ({@code filter.*}, e.g.
 * {@code filter.tags__id__all=1}). An idle poll is one small request ({@code fields=id,added}).
 */
public class PaperlessDocumentConsumer extends AbstractPaperlessConsumer {

    private final String field;

    public PaperlessDocumentConsumer(PaperlessEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.field = "modified".equalsIgnoreCase(config.getMode()) ? "modified" : "added";
    }

    @Override
    protected String defaultStateKey() {
        Map<String, Object> f = config.getFilters() == null ? Map.of() : new TreeMap<>(config.getFilters());
        return "paperless.documents." + field + (f.isEmpty() ? "" : "." + Integer.toHexString(f.toString().hashCode()));
    }

    private Query filters() {
        return config.filterQuery();
    }

    private static OffsetDateTime ts(JsonNode n, String field) {
        return n.hasNonNull(field) ? OffsetDateTime.parse(n.get(field).asText()) : null;
    }

    @Override
    protected ConsumerPosition initialPosition(StartPosition start) throws Exception {
        PaperlessClient c = client();
        switch (start.kind()) {
            case BEGINNING:
                return ConsumerPosition.beginning();
            case DATE_TIME:
                return ConsumerPosition.at(start.dateTime(), List.of());
            case ID: {
                JsonNode d = c.get("documents/" + start.id(), Query.create().set("fields", "id," + field), c.type(JsonNode.class));
                OffsetDateTime ts = ts(d, field);
                return ConsumerPosition.at(ts, List.of(ConsumerPosition.key(start.id(), ts)));
            }
            default: {
                Query q = filters().set("ordering", "-" + field + ",-id").set("fields", "id," + field).set("page_size", 1);
                Page<JsonNode> newest = c.page("documents", q, 1, c.type(JsonNode.class));
                if (newest.items().isEmpty()) {
                    return ConsumerPosition.beginning();
                }
                JsonNode n = newest.items().get(0);
                OffsetDateTime ts = ts(n, field);
                return ConsumerPosition.at(ts, List.of(ConsumerPosition.key(n.path("id").asInt(), ts)));
            }
        }
    }

    @Override
    protected List<Item> fetch(ConsumerPosition position, int limit) throws Exception {
        PaperlessClient c = client();
        Query q = filters().set("ordering", field + ",id").set("fields", "id," + field);
        int pageSize = limit > 0 ? Math.min(config.getPageSize(), limit) : config.getPageSize();
        q.set("page_size", pageSize);
        OffsetDateTime from = position.listFrom(lookback());
        if (from != null) {
            q.set(field + "__gte", from.toInstant().toString());
        }
        List<Item> out = new ArrayList<>();
        for (JsonNode n : c.<JsonNode> list("documents", q, c.type(JsonNode.class), 0)) {
            int id = n.path("id").asInt();
            OffsetDateTime ts = ts(n, field);
            if (position.isDone(ConsumerPosition.key(id, ts))) {
                continue;
            }
            String own = position.ownFingerprint(id);
            if (own != null && own.equals(fingerprint(stateOf(id)))) {
                // only re-stamped since our own after-success change (the server bumps 'modified' again from a
                // background task): not a change to emit
                rememberDone(id, ts);
                continue;
            }
            out.add(new Item(id, ts, null));
            if (limit > 0 && out.size() >= limit) {
                break;
            }
        }
        return out;
    }

    @Override
    protected void fill(Exchange exchange, Item item) throws Exception {
        PaperlessClient c = client();
        Document doc = c.documents().get((Integer) item.id());
        IdHeader.set(exchange.getMessage(), PaperlessResource.documents, doc.id());
        exchange.getMessage().setHeader(PaperlessConstants.TITLE, doc.title());
        String include = config.getIncludeContent() == null ? "none" : config.getIncludeContent();
        if (include.equalsIgnoreCase("none")) {
            exchange.getMessage().setBody(doc);
            return;
        }
        Download d = c.documents().download(doc.id(), include.equalsIgnoreCase("original"));
        exchange.getMessage().setHeader(PaperlessConstants.DOCUMENT, doc);
        DownloadBodies.setBody(exchange, d);
    }

    /** Tags from an option: ids (digits) or names, comma separated. */
    private List<Integer> tagIds(String csv) throws Exception {
        List<Integer> out = new ArrayList<>();
        for (String t : Csv.split(csv)) {
            out.add(tagId(t));
        }
        return out;
    }

    private Integer tagId(String option) throws Exception {
        return client().names().resolve("tags", NameResolver.optionRef(option), false);
    }

    @Override
    protected void onSuccess(Item item) throws Exception {
        PaperlessClient c = client();
        DocumentSelection one = DocumentSelection.of(List.of((Integer) item.id()));
        boolean changed = false;
        List<Integer> add = tagIds(config.getAddTags());
        List<Integer> remove = tagIds(config.getRemoveTags());
        if (!add.isEmpty() || !remove.isEmpty()) {
            c.documents().bulkEdit(one, "modify_tags", Map.of("add_tags", add, "remove_tags", remove));
            changed = true;
        }
        if (config.getSetCustomFields() != null && !config.getSetCustomFields().isEmpty()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("add_custom_fields", c.customFieldDefinitions().toApi(config.getSetCustomFields()));
            p.put("remove_custom_fields", List.of());
            c.documents().bulkEdit(one, "modify_custom_fields", p);
            changed = true;
        }
        if (changed && field.equals("modified")) {
            // our own change must not come back as a modification: neither its 'modified' now, nor a later re-stamp
            // of the same state
            JsonNode d = stateOf((Integer) item.id());
            rememberOwnChange(item.id(), ts(d, "modified"), fingerprint(d));
        }
    }

    /** A document as the server has it now, with its permissions. */
    private JsonNode stateOf(int id) throws Exception {
        PaperlessClient c = client();
        return c.get("documents/" + id, Query.create().set("full_perms", "true"), c.type(JsonNode.class));
    }

    /** Fields that change without the document changing: time stamps, derived file names, other documents. */
    private static final List<String> NOT_STATE = List.of("modified", "archived_file_name", "original_file_name",
            "duplicate_documents", "__search_hit__", "user_can_change", "is_shared_by_requester");

    /** A digest of what a user can change about a document (everything but {@link #NOT_STATE}). */
    static String fingerprint(JsonNode doc) {
        ObjectNode copy = ((ObjectNode) doc).deepCopy();
        copy.remove(NOT_STATE);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(copy.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void onFailure(Item item, Exchange exchange) throws Exception {
        if (config.getFailureTag() != null && !config.getFailureTag().isBlank()) {
            Integer tag = tagId(config.getFailureTag());
            client().documents().bulkEdit(DocumentSelection.of(List.of((Integer) item.id())), "add_tag", Map.of("tag", tag));
        }
    }
}
