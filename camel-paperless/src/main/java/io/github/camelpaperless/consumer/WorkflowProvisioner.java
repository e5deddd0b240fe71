package io.github.camelpaperless.consumer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelpaperless.client.ApiVersions;
import io.github.camelpaperless.client.Csv;
import io.github.camelpaperless.client.PaperlessClient;
import io.github.camelpaperless.client.PaperlessValidationException;
import io.github.camelpaperless.client.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Paperless workflows that call a push consumer: one per event (the webhook's payload does not say which trigger
 * fired), found again by name on every start, so starting twice (or two instances) leaves one workflow per event.
 * Trigger filters only narrow what Paperless sends; the consumer checks every pushed document against its own filters.
 */
final class WorkflowProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(WorkflowProvisioner.class);

    /** The header that carries the consumer's secret. */
    static final String SECRET_HEADER = "X-Paperless-Secret";
    /** After the user's own workflows, so a pushed document already has the tags and types they assign. */
    static final int ORDER = 1000;

    /** Workflow trigger types (documents/models.py WorkflowTrigger.WorkflowTriggerType). */
    static final Map<String, Integer> TRIGGERS = Map.of("consumptionStarted", 1, "added", 2, "updated", 3);
    /** Every document source a consumption can come from: consume folder, API upload, mail, web UI (2.20 and 3.x). */
    static final List<Integer> ALL_SOURCES = List.of(1, 2, 3, 4);

    /** Document filters that map exactly onto a workflow trigger filter (values: ids). */
    private static final Map<String, String> FILTERS = Map.of(
            "tags__id__in", "filter_has_tags",
            "tags__id__all", "filter_has_all_tags",
            "tags__id", "filter_has_all_tags",
            "tags__id__none", "filter_has_not_tags",
            "correspondent__id", "filter_has_correspondent",
            "document_type__id", "filter_has_document_type",
            "storage_path__id", "filter_has_storage_path");
    private static final List<String> SINGLE = List.of("filter_has_correspondent", "filter_has_document_type",
            "filter_has_storage_path");

    private final PaperlessClient client;
    private final String baseName;
    private final List<String> events;
    private final Map<String, Object> triggerFilters;
    private final String consumptionFilter;

    WorkflowProvisioner(PaperlessClient client, String baseName, List<String> events, Map<String, Object> documentFilters,
                        String consumptionFilter) {
        this.client = client;
        this.baseName = baseName;
        this.events = events;
        this.triggerFilters = triggerFilters(documentFilters);
        this.consumptionFilter = consumptionFilter;
    }

    static String name(String baseName, String event) {
        return baseName + " (" + event + ")";
    }

    /** The trigger filters equivalent to the consumer's document filters where they map exactly; others are left out. */
    static Map<String, Object> triggerFilters(Map<String, Object> documentFilters) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (documentFilters == null) {
            return out;
        }
        documentFilters.forEach((key, value) -> {
            String target = FILTERS.get(key);
            List<Integer> ids = ids(value);
            if (target == null || ids == null) {
                return;
            }
            if (SINGLE.contains(target)) {
                if (ids.size() == 1) {
                    out.put(target, ids.get(0));
                }
            } else {
                out.put(target, ids);
            }
        });
        return out;
    }

    private static List<Integer> ids(Object value) {
        List<Integer> ids = new ArrayList<>();
        for (String s : Csv.split(String.valueOf(value))) {
            if (!s.matches("\\d+")) {
                return null;
            }
            ids.add(Integer.valueOf(s));
        }
        return ids.isEmpty() ? null : ids;
    }

    /** The request body of the workflow for one event. */
    Map<String, Object> body(String event, String url, String secret) {
        Map<String, Object> trigger = new LinkedHashMap<>();
        trigger.put("type", TRIGGERS.get(event));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("event", event);
        if (event.equals("consumptionStarted")) {
            // no document yet: the file's name (its stem, and the title: the temporary file's path unless the upload
            // set a title); placeholders both versions have
            trigger.put("sources", ALL_SOURCES);
            trigger.put("filter_filename", consumptionFilter);
            params.put("original_filename", "{{ original_filename }}");
            params.put("doc_title", "{{ doc_title }}");
        } else {
            trigger.putAll(triggerFilters);
            params.put("doc_url", "{{ doc_url }}");
        }
        if (!event.equals("consumptionStarted") && sendsDocId()) {
            // Paperless 2.x has no doc_id placeholder (and drops every parameter after an unknown one): the id is
            // read from doc_url there
            params.put("doc_id", "{{ doc_id }}");
        }
        Map<String, Object> webhook = new LinkedHashMap<>();
        webhook.put("url", url);
        webhook.put("use_params", true);
        webhook.put("as_json", true);
        webhook.put("params", params);
        webhook.put("headers", Map.of(SECRET_HEADER, secret));
        webhook.put("include_document", false);
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("type", 4);
        action.put("webhook", webhook);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name(baseName, event));
        body.put("order", ORDER);
        body.put("enabled", true);
        body.put("triggers", List.of(trigger));
        body.put("actions", List.of(action));
        return body;
    }

    /** Whether the server has the doc_id placeholder (Paperless 3; unknown version: no, doc_url serves both). */
    private boolean sendsDocId() {
        if (client.serverVersion() == null) {
            client.ping();
        }
        return ApiVersions.hasDocIdPlaceholder(client.serverVersion());
    }

    /**
     * Checks the workflows that exist already (another replica behind the same URL, or an earlier start) before they are
     * updated: one calling with another secret is never overwritten with a derived one — the replicas would answer each
     * other's calls 401.
     *
     * @param  configured whether {@code secret} is the configured webhookSecret (then it replaces theirs)
     * @return            the other secrets the workflows carried (calls Paperless sent with them are still accepted)
     * @throws IllegalStateException a workflow carries another secret and ours is derived
     */
    List<String> check(Map<String, JsonNode> existing, String url, String secret, boolean configured) {
        List<String> previous = new ArrayList<>();
        for (String event : events) {
            String name = name(baseName, event);
            JsonNode w = existing.get(name);
            String theirs = w == null ? null : secretOf(w);
            if (theirs == null || theirs.equals(secret)) {
                continue;
            }
            if (!configured) {
                throw new IllegalStateException("Paperless workflow " + w.path("id").asInt() + " '" + name + "' calls "
                                                + webhookUrlOf(w) + " with another " + SECRET_HEADER + " than this consumer's "
                                                + "(derived from its credentials): another replica behind this URL runs "
                                                + "with other credentials or with webhookSecret set. Set the same "
                                                + "webhookSecret on every replica; the workflow was left as it is");
            }
            LOG.info("Paperless workflow {} '{}' carried another secret: replaced by the configured webhookSecret (calls "
                     + "sent with the previous one are still accepted)", w.path("id").asInt(), name);
            previous.add(theirs);
        }
        return previous;
    }

    /** The secret header of a workflow's webhook action, or {@code null}. */
    static String secretOf(JsonNode workflow) {
        for (JsonNode action : workflow.path("actions")) {
            JsonNode headers = action.path("webhook").path("headers");
            if (headers.isTextual()) {
                try {
                    headers = new com.fasterxml.jackson.databind.ObjectMapper().readTree(headers.asText());
                } catch (java.io.IOException e) {
                    continue;
                }
            }
            JsonNode s = headers == null ? null : headers.get(SECRET_HEADER);
            if (s != null && s.isTextual() && !s.asText().isEmpty()) {
                return s.asText();
            }
        }
        return null;
    }

    private static String webhookUrlOf(JsonNode workflow) {
        for (JsonNode action : workflow.path("actions")) {
            if (action.path("webhook").hasNonNull("url")) {
                return action.path("webhook").path("url").asText();
            }
        }
        return "(no URL)";
    }

    /** Creates or updates the workflow of every event so that it calls {@code url} with {@code secret}. */
    void provision(Map<String, JsonNode> existingWorkflows, String url, String secret) {
        Map<String, Integer> existing = new LinkedHashMap<>();
        existingWorkflows.forEach((name, w) -> existing.put(name, w.path("id").asInt()));
        for (String event : events) {
            Map<String, Object> body = body(event, url, secret);
            String name = (String) body.get("name");
            Integer id = existing.get(name);
            if (id == null) {
                id = create(name, body, url);
                if (id == null) {
                    continue;
                }
            }
            update(id, body);
            LOG.info("Updated Paperless workflow {} '{}' to call {}", id, name, url);
        }
    }

    /**
     * Creates one workflow; when another instance created it meanwhile (replicas starting at once), returns that one's
     * id to update instead. Names are unique, but two creates that pass the server's validation together end with one
     * of them answered 500 (the database's unique constraint), or on SQLite "database is locked" (or the connection
     * broke): after such a failure the transport looks the workflow up by name, and sends the create again only when it
     * provably does not exist.
     *
     * @return {@code null} when this call created it, else the id of the workflow found by name
     */
    private Integer create(String name, Map<String, Object> body, String url) {
        java.util.concurrent.atomic.AtomicBoolean found = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            JsonNode w = client.send("POST", "workflows", null, body, client.type(JsonNode.class), failure -> {
                JsonNode theirs = byName().get(name);
                found.set(theirs != null);
                return theirs;
            });
            if (found.get()) {
                LOG.info("Paperless workflow '{}' exists after an ambiguous failure of its create: updating it", name);
                return w.path("id").asInt();
            }
            LOG.info("Created Paperless workflow {} '{}' calling {}", w.path("id").asInt(), name, url);
            return null;
        } catch (PaperlessValidationException e) {
            // another instance created it meanwhile (names are unique): update that one
            JsonNode theirs = byName().get(name);
            if (theirs == null) {
                throw e;
            }
            LOG.info("Paperless workflow '{}' was created meanwhile (another instance starting): updating it", name);
            return theirs.path("id").asInt();
        }
    }

    /**
     * Updates a workflow to the full body: repeatable, so sent again after a 500 — replicas starting at once update it
     * together, and on SQLite one of them is answered "database is locked".
     */
    private void update(int id, Map<String, Object> body) {
        client.send("PATCH", "workflows/" + id, null, body, client.type(JsonNode.class), failure -> null);
    }

    /** Deletes the workflows (those that exist). */
    void delete() {
        Map<String, JsonNode> existing = byName();
        for (String event : events) {
            Integer id = existing.containsKey(name(baseName, event)) ? existing.get(name(baseName, event)).path("id").asInt()
                    : null;
            if (id != null) {
                client.send("DELETE", "workflows/" + id, null, (Object) null, null);
                LOG.info("Deleted Paperless workflow {} '{}'", id, name(baseName, event));
            }
        }
    }

    /** Every workflow by name (the API has no name filter: every page is read, once per start or stop). */
    Map<String, JsonNode> byName() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode w : client.<JsonNode> list("workflows", Query.create(), client.type(JsonNode.class), 0)) {
            out.put(w.path("name").asText(), w);
        }
        return out;
    }
}
