package io.github.camelpaperless.component;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelpaperless.client.ErrorMapper;
import io.github.camelpaperless.client.Page;
import io.github.camelpaperless.client.PaperlessClient;
import io.github.camelpaperless.client.Query;
import io.github.camelpaperless.client.ResourceClient;
import io.github.camelpaperless.client.model.ApplicationConfiguration;
import io.github.camelpaperless.client.model.GlobalSearchResult;
import org.apache.camel.Message;

import static io.github.camelpaperless.component.ExchangeInputs.*;

/**
 * The operations on objects other than documents and tasks: CRUD of the collections, the single-object resources, the
 * named logs, and the resource-specific actions. Each method is one kind of resource, so none branches on the resource.
 */
final class ObjectOperations {

    private final PaperlessEndpoint endpoint;
    private final PaperlessConfiguration config;
    private final PaperlessResource resource;

    ObjectOperations(PaperlessEndpoint endpoint) {
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
        this.resource = endpoint.getResource();
    }

    private PaperlessClient client() throws Exception {
        return endpoint.getClient();
    }

    private JavaType modelType() throws Exception {
        return client().type(resource.model());
    }

    /** The resource's typed CRUD in the client: the one implementation of get/list/page/create/update/replace/delete. */
    @SuppressWarnings("unchecked")
    private ResourceClient<Object> crud() throws Exception {
        return client().resource(resource.path(), (Class<Object>) resource.model());
    }

    private String objectPath(int id) {
        return resource.path() + "/" + id;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // collections

    Object get(OperationContext x) throws Exception {
        return crud().get(x.id(), objectQuery(config, null));
    }

    Object list(OperationContext x) throws Exception {
        return crud().list(listQuery(x.exchange(), config), config.getMaxResults());
    }

    /** One page; {@code query} adjusts the list query (documents add their read options). */
    Object page(OperationContext x, UnaryOperator<Query> query) throws Exception {
        Message m = x.message();
        Integer number = m.getHeader(PaperlessConstants.PAGE, Integer.class);
        int n = number == null ? 1 : number;
        if (n < 1) {
            throw new IllegalArgumentException("Header " + PaperlessConstants.PAGE + " must be >= 1, was " + n);
        }
        Page<?> page = crud().page(query.apply(listQuery(x.exchange(), config)), n);
        m.setHeader(PaperlessConstants.COUNT, page.count());
        m.setHeader(PaperlessConstants.PAGE, page.number());
        m.setHeader(PaperlessConstants.HAS_NEXT, page.hasNext());
        if (page.selectionData() != null) {
            m.setHeader(PaperlessConstants.SELECTION_DATA, page.selectionData());
        }
        return page.items();
    }

    Object create(OperationContext x) throws Exception {
        Object created = crud().create(requireJsonBody(x.exchange(), x.operation(), resource.path()));
        JsonNode id = client().mapper().valueToTree(created).path("id");
        if (id.isNumber()) {
            IdHeader.set(x.message(), resource, id.asInt());
        }
        return created;
    }

    Object update(OperationContext x) throws Exception {
        Object body = requireJsonBody(x.exchange(), x.operation(), resource.path());
        return crud().update(x.id(), body);
    }

    Object replace(OperationContext x) throws Exception {
        int id = x.id();
        Object body = requireJsonBody(x.exchange(), x.operation(), resource.path());
        return crud().replace(id, body);
    }

    Object delete(OperationContext x) throws Exception {
        crud().delete(x.id());
        return Boolean.TRUE;
    }

    /** Ids from the body or the header CamelPaperlessIds. */
    private List<Integer> requireIds(OperationContext x) {
        List<Integer> ids = ids(x.exchange(), PaperlessConstants.IDS, true);
        if (ids == null || ids.isEmpty()) {
            throw new IllegalArgumentException("Operation " + x.operation() + " on paperless:" + resource.path()
                                               + " needs ids: a List of ids in the body or the header "
                                               + PaperlessConstants.IDS);
        }
        return ids;
    }

    /** bulk_edit_objects {@code delete} (correspondents, document types, tags, storage paths). */
    Object bulkDelete(OperationContext x) throws Exception {
        List<Integer> ids = requireIds(x);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("objects", ids);
        body.put("object_type", resource.path());
        body.put("operation", "delete");
        PaperlessClient c = client();
        return ErrorMapper.requireOk(c.send("POST", "bulk_edit_objects", null, body, c.type(JsonNode.class)), "bulkDelete");
    }

    /** The server's answer: {@code {result, deleted_mail_ids}}. */
    Object bulkDeleteProcessedMail(OperationContext x) throws Exception {
        PaperlessClient c = client();
        return c.send("POST", "processed_mail/bulk_delete", null, Map.of("mail_ids", requireIds(x)), c.type(Map.class));
    }

    Object bulkSetPermissions(OperationContext x) throws Exception {
        PaperlessClient c = client();
        List<Integer> ids = ids(x.exchange(), PaperlessConstants.IDS, false);
        Object raw = x.message().getBody();
        if (raw == null) {
            throw new IllegalArgumentException("bulkSetPermissions needs a body: a Permissions object or a Map with "
                                               + "permissions {view, change}, and optionally owner and merge");
        }
        JsonNode body = c.mapper().valueToTree(raw instanceof String ? c.mapper().readTree((String) raw) : raw);
        Map<String, Object> request = new LinkedHashMap<>();
        if (body.has("view") || body.has("change")) {
            request.put("permissions", body);
        } else {
            body.fields().forEachRemaining(e -> request.put(e.getKey(), e.getValue()));
            if (request.containsKey("set_permissions") && !request.containsKey("permissions")) {
                // the objects endpoint names it permissions, not set_permissions
                request.put("permissions", request.remove("set_permissions"));
            }
        }
        if (!request.containsKey("objects") && !Boolean.TRUE.equals(request.get("all"))) {
            if (ids == null || ids.isEmpty()) {
                throw new IllegalArgumentException("bulkSetPermissions needs the object ids in the header "
                                                   + PaperlessConstants.IDS + " (or objects in the body)");
            }
            request.put("objects", ids);
        }
        request.put("object_type", resource.path());
        request.put("operation", "set_permissions");
        request.putIfAbsent("merge", false);
        return ErrorMapper.requireOk(c.send("POST", "bulk_edit_objects", null, request, c.type(JsonNode.class)),
                "bulkSetPermissions");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // single objects, named logs, the application configuration

    Object getSingleton(OperationContext x) throws Exception {
        return client().get(resource.path(), null, modelType());
    }

    Object getLog(OperationContext x) throws Exception {
        Object name = rawId(x.exchange(), config);
        if (name == null) {
            throw new IllegalArgumentException("Operation get on paperless:logs needs the log name (e.g. paperless, "
                                               + "mail, celery) in the header " + PaperlessConstants.ID
                                               + " or the option id; list returns the names");
        }
        PaperlessClient c = client();
        return c.get(resource.path() + "/" + name, Query.create().set("limit", config.getLimit()), c.listType(String.class));
    }

    Object listLogs(OperationContext x) throws Exception {
        PaperlessClient c = client();
        return c.get(resource.path(), null, c.listType(String.class));
    }

    /** config: by id, or the first (and only) configuration without one. */
    Object getConfig(OperationContext x) throws Exception {
        return rawId(x.exchange(), config) == null ? firstConfig(client()) : get(x);
    }

    Object updateConfig(OperationContext x) throws Exception {
        PaperlessClient c = client();
        Object body = requireJsonBody(x.exchange(), x.operation(), resource.path());
        Object raw = rawId(x.exchange(), config);
        int id = raw != null ? toId(raw, PaperlessConstants.ID) : firstConfig(c).id();
        return c.send("PATCH", "config/" + id, null, body, modelType());
    }

    private static ApplicationConfiguration firstConfig(PaperlessClient c) {
        Iterator<ApplicationConfiguration> it
                = c.<ApplicationConfiguration> list("config", null, c.type(ApplicationConfiguration.class), 1).iterator();
        if (!it.hasNext()) {
            throw new IllegalStateException("The server returned no application configuration");
        }
        return it.next();
    }

    Object updateProfile(OperationContext x) throws Exception {
        return client().profile().update(requireJsonBody(x.exchange(), x.operation(), resource.path()));
    }

    /** The body is the settings map; wrapped in {@code {"settings": ...}} when it is not already. */
    Object updateUiSettings(OperationContext x) throws Exception {
        PaperlessClient c = client();
        Object body = requireJsonBody(x.exchange(), x.operation(), resource.path());
        JsonNode tree = c.mapper().valueToTree(body instanceof String ? c.mapper().readTree((String) body) : body);
        Object wrapped = tree.has("settings") ? body : Map.of("settings", tree);
        return c.send("POST", "ui_settings", null, wrapped, c.type(JsonNode.class));
    }

    /** An API token for the options username and password; a TOTP code from a body Map ({@code code}). */
    Object createToken(OperationContext x) throws Exception {
        Object body = x.message().getBody();
        Object code = body instanceof Map ? ((Map<?, ?>) body).get("code") : null;
        return client().profile().obtainToken(config.getUsername(), config.getPassword(),
                code == null ? null : String.valueOf(code));
    }

    /** TOTP activation: the body Map holds {@code secret} (from setupTotp) and {@code code}. */
    Object activateTotp(OperationContext x) throws Exception {
        Object body = x.message().getBody();
        Map<?, ?> given = body instanceof Map ? (Map<?, ?>) body : Map.of();
        Object secret = given.get("secret");
        Object code = given.get("code");
        if (secret == null || code == null) {
            throw new IllegalArgumentException("activateTotp needs a Map body with secret (from operation setupTotp) and "
                                               + "code (the current code generated from that secret)");
        }
        return client().profile().activateTotp(String.valueOf(secret), String.valueOf(code));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // resource-specific actions

    Object rebuild(OperationContext x) throws Exception {
        return client().send("POST", objectPath(x.id()) + "/rebuild", null, (Object) null, modelType());
    }

    /** storage_paths test: the path the template renders for a document. */
    Object testStoragePath(OperationContext x) throws Exception {
        PaperlessClient c = client();
        Object body = requireJsonBody(x.exchange(), x.operation(), resource.path());
        JsonNode r = c.send("POST", "storage_paths/test", null, body, c.type(JsonNode.class));
        return r == null || r.isNull() ? null : r.asText();
    }

    Object testMailAccount(OperationContext x) throws Exception {
        PaperlessClient c = client();
        Object body = requireJsonBody(x.exchange(), x.operation(), resource.path());
        return c.send("POST", "mail_accounts/test", null, body, c.type(Map.class));
    }

    Object processMailAccount(OperationContext x) throws Exception {
        PaperlessClient c = client();
        return ErrorMapper.requireOk(c.send("POST", objectPath(x.id()) + "/process", null, (Object) null,
                c.type(JsonNode.class)), "process");
    }

    Object deactivateTotp(OperationContext x) throws Exception {
        PaperlessClient c = client();
        return c.send("POST", objectPath(x.id()) + "/deactivate_totp", null, (Object) null, c.type(Boolean.class));
    }

    /** The global search (all object kinds); {@code db_only} from the option filter.db_only. */
    Object globalSearch(OperationContext x) throws Exception {
        String q = query(x.exchange(), config);
        if (q == null || q.trim().length() < 3) {
            throw new IllegalArgumentException("The global search needs a query of at least 3 characters in the header "
                                               + PaperlessConstants.QUERY + " or the option query (was "
                                               + (q == null ? "none" : "'" + q + "'") + ")");
        }
        PaperlessClient c = client();
        Query query = Query.create().set("query", q.trim());
        if (config.getFilters() != null && config.getFilters().containsKey("db_only")) {
            query.set("db_only", config.getFilters().get("db_only"));
        }
        return c.get("search", query, c.type(GlobalSearchResult.class));
    }
}
