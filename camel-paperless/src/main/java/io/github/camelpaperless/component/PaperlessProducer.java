package io.github.camelpaperless.component;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelpaperless.client.ErrorMapper;
import io.github.camelpaperless.client.Page;
import io.github.camelpaperless.client.PagedIterable;
import io.github.camelpaperless.client.PaperlessClient;
import io.github.camelpaperless.client.Query;
import io.github.camelpaperless.client.model.ApplicationConfiguration;
import io.github.camelpaperless.client.model.AuthToken;
import io.github.camelpaperless.client.model.GlobalSearchResult;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.spi.InvokeOnHeader;
import org.apache.camel.support.HeaderSelectorProducer;

import static io.github.camelpaperless.component.ExchangeInputs.*;

/**
 * The producer: one method per operation, selected by the header {@code CamelPaperlessOperation} or the option
 * {@code operation}. Which resource supports which operation is checked against {@link PaperlessResource}.
 */
public class PaperlessProducer extends HeaderSelectorProducer {

    private final PaperlessEndpoint endpoint;
    private final PaperlessConfiguration config;
    private final PaperlessResource resource;
    private final DocumentOperations documents;
    private final TaskOperations tasks;
    private WritableHealthCheckRepository healthRepository;
    private PaperlessProducerHealthCheck healthCheck;

    public PaperlessProducer(PaperlessEndpoint endpoint) {
        super(endpoint, PaperlessConstants.OPERATION, () -> defaultOperation(endpoint));
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
        this.resource = endpoint.getResource();
        this.documents = new DocumentOperations(endpoint);
        this.tasks = new TaskOperations(endpoint);
    }

    private static String defaultOperation(PaperlessEndpoint endpoint) {
        String op = endpoint.getConfiguration().getOperation();
        if (op != null) {
            return op;
        }
        PaperlessOperation def = endpoint.getResource().defaultOperation();
        return def == null ? null : def.name();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        String name = exchange.getMessage().getHeader(PaperlessConstants.OPERATION, String.class);
        if (name == null) {
            name = defaultOperation(endpoint);
        }
        PaperlessOperation op = PaperlessOperation.find(name);
        if (op == null || !resource.supports(op)) {
            exchange.setException(new IllegalArgumentException(
                    (op == null ? "Unknown operation '" : "Operation '") + name + "' "
                                                               + (op == null ? "for" : "is not supported by")
                                                               + " paperless:" + resource.path() + " (header "
                                                               + PaperlessConstants.OPERATION + " or option operation): use one of "
                                                               + resource.operationNames()));
            callback.done(true);
            return true;
        }
        return super.process(exchange, callbackWithVersion(exchange, callback));
    }

    private AsyncCallback callbackWithVersion(Exchange exchange, AsyncCallback callback) {
        return doneSync -> {
            try {
                PaperlessClient c = endpoint.getClient();
                Message m = exchange.getMessage();
                if (exchange.getException() == null && m.getBody() instanceof PagedIterable
                        && (c.apiVersion() == 0 || c.serverVersion() == null)) {
                    // a lazy list has not talked to the server yet: learn the versions so that it carries them too
                    c.negotiate();
                }
                if (c.apiVersion() != 0) {
                    m.setHeader(PaperlessConstants.API_VERSION, c.apiVersion());
                }
                if (c.serverVersion() != null) {
                    m.setHeader(PaperlessConstants.SERVER_VERSION, c.serverVersion());
                }
            } catch (Exception ignore) {
                // the client could not be built: the exchange already carries that failure
            }
            callback.done(doneSync);
        };
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        PaperlessComponent component = (PaperlessComponent) endpoint.getComponent();
        if (component.isHealthCheckProducerEnabled()) {
            healthRepository = HealthCheckHelper.getHealthCheckRepository(endpoint.getCamelContext(), "producers",
                    WritableHealthCheckRepository.class);
            if (healthRepository != null) {
                healthCheck = new PaperlessProducerHealthCheck(endpoint, "producer:paperless-" + resource.path() + "-" + endpoint.getId());
                healthRepository.addHealthCheck(healthCheck);
            }
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (healthRepository != null && healthCheck != null) {
            healthRepository.removeHealthCheck(healthCheck);
            healthCheck = null;
        }
        super.doStop();
    }

    PaperlessClient client() throws Exception {
        return endpoint.getClient();
    }

    private JavaType modelType() throws Exception {
        return client().type(resource.model());
    }

    private String objectPath(int id) {
        return resource.path() + "/" + id;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // generic operations

    @InvokeOnHeader("get")
    public Object get(Exchange exchange) throws Exception {
        if (resource == PaperlessResource.documents) {
            return documents.get(exchange);
        }
        if (resource == PaperlessResource.tasks) {
            return tasks.get(exchange);
        }
        PaperlessClient c = client();
        switch (resource.kind()) {
            case SINGLETON:
                return c.get(resource.path(), null, modelType());
            case NAMED: {
                Object name = rawId(exchange, config);
                if (name == null) {
                    throw new IllegalArgumentException("Operation get on paperless:logs needs the log name (e.g. paperless, "
                                                       + "mail, celery) in the header " + PaperlessConstants.ID
                                                       + " or the option id; list returns the names");
                }
                Query q = Query.create().set("limit", config.getLimit());
                return c.get(resource.path() + "/" + name, q, c.listType(String.class));
            }
            default:
                if (resource == PaperlessResource.config && rawId(exchange, config) == null) {
                    return firstConfig(c);
                }
                int id = requireId(exchange, config, PaperlessOperation.get);
                exchange.getMessage().setHeader(PaperlessConstants.ID, id);
                return c.get(objectPath(id), objectQuery(config, null), modelType());
        }
    }

    private ApplicationConfiguration firstConfig(PaperlessClient c) {
        Iterator<ApplicationConfiguration> it
                = c.<ApplicationConfiguration> list("config", null, c.type(ApplicationConfiguration.class), 1).iterator();
        if (!it.hasNext()) {
            throw new IllegalStateException("The server returned no application configuration");
        }
        return it.next();
    }

    @InvokeOnHeader("list")
    public Object list(Exchange exchange) throws Exception {
        switch (resource) {
            case documents:
                return documents.list(exchange);
            case tasks:
                return tasks.list(exchange);
            case trash:
                return tasks.trashList(exchange);
            default:
                break;
        }
        PaperlessClient c = client();
        if (resource.kind() == PaperlessResource.Kind.NAMED) {
            return c.get(resource.path(), null, c.listType(String.class));
        }
        return c.list(resource.path(), listQuery(exchange, config), modelType(), config.getMaxResults());
    }

    @InvokeOnHeader("page")
    public Object page(Exchange exchange) throws Exception {
        Integer number = exchange.getMessage().getHeader(PaperlessConstants.PAGE, Integer.class);
        int n = number == null ? 1 : number;
        if (n < 1) {
            throw new IllegalArgumentException("Header " + PaperlessConstants.PAGE + " must be >= 1, was " + n);
        }
        Query query = listQuery(exchange, config);
        if (resource == PaperlessResource.documents) {
            query = documents.readQuery(query);
        }
        Page<?> page = client().page(resource.path(), query, n, modelType());
        Message m = exchange.getMessage();
        m.setHeader(PaperlessConstants.COUNT, page.count());
        m.setHeader(PaperlessConstants.PAGE, page.number());
        m.setHeader(PaperlessConstants.HAS_NEXT, page.hasNext());
        return page.items();
    }

    @InvokeOnHeader("create")
    public Object create(Exchange exchange) throws Exception {
        PaperlessClient c = client();
        if (resource == PaperlessResource.token) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("username", config.getUsername());
            body.put("password", config.getPassword());
            return c.send("POST", "token", null, body, c.type(AuthToken.class));
        }
        Object body = requireJsonBody(exchange, PaperlessOperation.create, resource.path());
        Object created = c.send("POST", resource.path(), null, body, modelType());
        setIdHeader(exchange, created);
        return created;
    }

    @InvokeOnHeader("update")
    public Object update(Exchange exchange) throws Exception {
        if (resource == PaperlessResource.documents) {
            return documents.update(exchange);
        }
        PaperlessClient c = client();
        Object body = requireJsonBody(exchange, PaperlessOperation.update, resource.path());
        switch (resource) {
            case profile:
                return c.send("PATCH", "profile", null, body, modelType());
            case ui_settings: {
                Object wrapped = body;
                JsonNode tree = c.mapper().valueToTree(body instanceof String ? c.mapper().readTree((String) body) : body);
                if (!tree.has("settings")) {
                    wrapped = Map.of("settings", tree);
                }
                return c.send("POST", "ui_settings", null, wrapped, c.type(JsonNode.class));
            }
            case config: {
                Object raw = rawId(exchange, config);
                int id = raw != null ? toId(raw, PaperlessConstants.ID) : firstConfig(c).id();
                return c.send("PATCH", "config/" + id, null, body, modelType());
            }
            default: {
                int id = requireId(exchange, config, PaperlessOperation.update);
                exchange.getMessage().setHeader(PaperlessConstants.ID, id);
                return c.send("PATCH", objectPath(id), null, body, modelType());
            }
        }
    }

    @InvokeOnHeader("replace")
    public Object replace(Exchange exchange) throws Exception {
        int id = requireId(exchange, config, PaperlessOperation.replace);
        Object body = requireJsonBody(exchange, PaperlessOperation.replace, resource.path());
        exchange.getMessage().setHeader(PaperlessConstants.ID, id);
        return client().send("PUT", objectPath(id), null, body, modelType());
    }

    @InvokeOnHeader("delete")
    public Object delete(Exchange exchange) throws Exception {
        int id = requireId(exchange, config, PaperlessOperation.delete);
        exchange.getMessage().setHeader(PaperlessConstants.ID, id);
        client().send("DELETE", objectPath(id), null, (Object) null, null);
        return Boolean.TRUE;
    }

    @InvokeOnHeader("bulkDelete")
    public Object bulkDelete(Exchange exchange) throws Exception {
        if (resource == PaperlessResource.documents) {
            return documents.action(exchange, "delete");
        }
        List<Integer> ids = requireIds(exchange, PaperlessOperation.bulkDelete);
        PaperlessClient c = client();
        if (resource == PaperlessResource.processed_mail) {
            return c.send("POST", "processed_mail/bulk_delete", null, Map.of("mail_ids", ids), c.type(Map.class));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("objects", ids);
        body.put("object_type", resource.path());
        body.put("operation", "delete");
        return ErrorMapper.requireOk(c.send("POST", "bulk_edit_objects", null, body, c.type(JsonNode.class)), "bulkDelete");
    }

    @InvokeOnHeader("bulkSetPermissions")
    public Object bulkSetPermissions(Exchange exchange) throws Exception {
        PaperlessClient c = client();
        List<Integer> ids = ids(exchange, PaperlessConstants.IDS, false);
        Object raw = exchange.getMessage().getBody();
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
        return ErrorMapper.requireOk(c.send("POST", "bulk_edit_objects", null, request, c.type(JsonNode.class)), "bulkSetPermissions");
    }

    // ----------------------------------------------------------------------------------------------------------------
    // resource-specific operations

    @InvokeOnHeader("rebuild")
    public Object rebuild(Exchange exchange) throws Exception {
        int id = requireId(exchange, config, PaperlessOperation.rebuild);
        return client().send("POST", objectPath(id) + "/rebuild", null, (Object) null, modelType());
    }

    @InvokeOnHeader("test")
    public Object test(Exchange exchange) throws Exception {
        PaperlessClient c = client();
        Object body = requireJsonBody(exchange, PaperlessOperation.test, resource.path());
        if (resource == PaperlessResource.storage_paths) {
            JsonNode r = c.send("POST", "storage_paths/test", null, body, c.type(JsonNode.class));
            return r == null || r.isNull() ? null : r.asText();
        }
        return c.send("POST", "mail_accounts/test", null, body, c.type(Map.class));
    }

    @InvokeOnHeader("process")
    public Object processMailAccount(Exchange exchange) throws Exception {
        int id = requireId(exchange, config, PaperlessOperation.process);
        PaperlessClient c = client();
        return ErrorMapper.requireOk(c.send("POST", objectPath(id) + "/process", null, (Object) null, c.type(JsonNode.class)), "process");
    }

    @InvokeOnHeader("deactivateTotp")
    public Object deactivateTotp(Exchange exchange) throws Exception {
        int id = requireId(exchange, config, PaperlessOperation.deactivateTotp);
        PaperlessClient c = client();
        return c.send("POST", objectPath(id) + "/deactivate_totp", null, (Object) null, c.type(Boolean.class));
    }

    @InvokeOnHeader("generateToken")
    public Object generateToken(Exchange exchange) throws Exception {
        PaperlessClient c = client();
        return c.send("POST", "profile/generate_auth_token", null, (Object) null, c.type(String.class));
    }

    @InvokeOnHeader("search")
    public Object search(Exchange exchange) throws Exception {
        if (resource == PaperlessResource.documents) {
            return documents.search(exchange);
        }
        String q = query(exchange, config);
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

    // ----------------------------------------------------------------------------------------------------------------
    // documents

    @InvokeOnHeader("upload")
    public Object upload(Exchange exchange) throws Exception {
        return documents.upload(exchange);
    }

    @InvokeOnHeader("download")
    public Object download(Exchange exchange) throws Exception {
        return documents.download(exchange, "download");
    }

    @InvokeOnHeader("preview")
    public Object preview(Exchange exchange) throws Exception {
        return documents.download(exchange, "preview");
    }

    @InvokeOnHeader("thumbnail")
    public Object thumbnail(Exchange exchange) throws Exception {
        return documents.download(exchange, "thumbnail");
    }

    @InvokeOnHeader("metadata")
    public Object metadata(Exchange exchange) throws Exception {
        return documents.metadata(exchange);
    }

    @InvokeOnHeader("suggestions")
    public Object suggestions(Exchange exchange) throws Exception {
        return documents.suggestions(exchange);
    }

    @InvokeOnHeader("notes")
    public Object notes(Exchange exchange) throws Exception {
        return documents.notes(exchange);
    }

    @InvokeOnHeader("addNote")
    public Object addNote(Exchange exchange) throws Exception {
        return documents.addNote(exchange);
    }

    @InvokeOnHeader("deleteNote")
    public Object deleteNote(Exchange exchange) throws Exception {
        return documents.deleteNote(exchange);
    }

    @InvokeOnHeader("shareLinks")
    public Object shareLinks(Exchange exchange) throws Exception {
        return documents.shareLinks(exchange);
    }

    @InvokeOnHeader("history")
    public Object history(Exchange exchange) throws Exception {
        return documents.history(exchange);
    }

    @InvokeOnHeader("root")
    public Object root(Exchange exchange) throws Exception {
        return documents.root(exchange);
    }

    @InvokeOnHeader("nextAsn")
    public Object nextAsn(Exchange exchange) throws Exception {
        return documents.nextAsn(exchange);
    }

    @InvokeOnHeader("email")
    public Object email(Exchange exchange) throws Exception {
        return documents.email(exchange);
    }

    @InvokeOnHeader("uploadVersion")
    public Object uploadVersion(Exchange exchange) throws Exception {
        return documents.uploadVersion(exchange);
    }

    @InvokeOnHeader("updateVersion")
    public Object updateVersion(Exchange exchange) throws Exception {
        return documents.updateVersion(exchange);
    }

    @InvokeOnHeader("deleteVersion")
    public Object deleteVersion(Exchange exchange) throws Exception {
        return documents.deleteVersion(exchange);
    }

    @InvokeOnHeader("selectionData")
    public Object selectionData(Exchange exchange) throws Exception {
        return documents.selectionData(exchange);
    }

    @InvokeOnHeader("bulkDownload")
    public Object bulkDownload(Exchange exchange) throws Exception {
        return documents.bulkDownload(exchange);
    }

    @InvokeOnHeader("autocomplete")
    public Object autocomplete(Exchange exchange) throws Exception {
        return documents.autocomplete(exchange);
    }

    @InvokeOnHeader("moreLike")
    public Object moreLike(Exchange exchange) throws Exception {
        return documents.moreLike(exchange);
    }

    @InvokeOnHeader("findDuplicate")
    public Object findDuplicate(Exchange exchange) throws Exception {
        return documents.findDuplicate(exchange);
    }

    @InvokeOnHeader("bulkEdit")
    public Object bulkEdit(Exchange exchange) throws Exception {
        return documents.bulkEdit(exchange);
    }

    @InvokeOnHeader("setCorrespondent")
    public Object setCorrespondent(Exchange exchange) throws Exception {
        return documents.setObject(exchange, "correspondent", "correspondents", PaperlessConstants.CORRESPONDENT,
                config.getCorrespondent());
    }

    @InvokeOnHeader("setDocumentType")
    public Object setDocumentType(Exchange exchange) throws Exception {
        return documents.setObject(exchange, "document_type", "document_types", PaperlessConstants.DOCUMENT_TYPE,
                config.getDocumentType());
    }

    @InvokeOnHeader("setStoragePath")
    public Object setStoragePath(Exchange exchange) throws Exception {
        return documents.setObject(exchange, "storage_path", "storage_paths", PaperlessConstants.STORAGE_PATH,
                config.getStoragePath());
    }

    @InvokeOnHeader("addTag")
    public Object addTag(Exchange exchange) throws Exception {
        return documents.tag(exchange, "add_tag");
    }

    @InvokeOnHeader("removeTag")
    public Object removeTag(Exchange exchange) throws Exception {
        return documents.tag(exchange, "remove_tag");
    }

    @InvokeOnHeader("modifyTags")
    public Object modifyTags(Exchange exchange) throws Exception {
        return documents.modifyTags(exchange);
    }

    @InvokeOnHeader("modifyCustomFields")
    public Object modifyCustomFields(Exchange exchange) throws Exception {
        return documents.modifyCustomFields(exchange);
    }

    @InvokeOnHeader("setPermissions")
    public Object setPermissions(Exchange exchange) throws Exception {
        return documents.setPermissions(exchange);
    }

    @InvokeOnHeader("reprocess")
    public Object reprocess(Exchange exchange) throws Exception {
        return documents.action(exchange, "reprocess");
    }

    @InvokeOnHeader("rotate")
    public Object rotate(Exchange exchange) throws Exception {
        return documents.action(exchange, "rotate", "degrees");
    }

    @InvokeOnHeader("merge")
    public Object merge(Exchange exchange) throws Exception {
        return documents.action(exchange, "merge");
    }

    @InvokeOnHeader("split")
    public Object split(Exchange exchange) throws Exception {
        return documents.bulkEditMethod(exchange, "split", "pages");
    }

    @InvokeOnHeader("deletePages")
    public Object deletePages(Exchange exchange) throws Exception {
        return documents.bulkEditMethod(exchange, "delete_pages", "pages");
    }

    @InvokeOnHeader("editPdf")
    public Object editPdf(Exchange exchange) throws Exception {
        return documents.action(exchange, "edit_pdf", "operations");
    }

    @InvokeOnHeader("removePassword")
    public Object removePassword(Exchange exchange) throws Exception {
        return documents.action(exchange, "remove_password", "password");
    }

    // ----------------------------------------------------------------------------------------------------------------
    // tasks and trash

    @InvokeOnHeader("active")
    public Object active(Exchange exchange) throws Exception {
        return tasks.active(exchange);
    }

    @InvokeOnHeader("summary")
    public Object summary(Exchange exchange) throws Exception {
        return tasks.summary(exchange);
    }

    @InvokeOnHeader("statusCounts")
    public Object statusCounts(Exchange exchange) throws Exception {
        return tasks.statusCounts(exchange);
    }

    @InvokeOnHeader("acknowledge")
    public Object acknowledge(Exchange exchange) throws Exception {
        return tasks.acknowledge(exchange);
    }

    @InvokeOnHeader("run")
    public Object run(Exchange exchange) throws Exception {
        return tasks.run(exchange);
    }

    @InvokeOnHeader("poll")
    public Object poll(Exchange exchange) throws Exception {
        return tasks.poll(exchange);
    }

    @InvokeOnHeader("restore")
    public Object restore(Exchange exchange) throws Exception {
        return tasks.restore(exchange);
    }

    @InvokeOnHeader("empty")
    public Object empty(Exchange exchange) throws Exception {
        return tasks.empty(exchange);
    }

    // ----------------------------------------------------------------------------------------------------------------

    private List<Integer> requireIds(Exchange exchange, PaperlessOperation op) {
        List<Integer> ids = ids(exchange, PaperlessConstants.IDS, true);
        if (ids == null || ids.isEmpty()) {
            throw new IllegalArgumentException("Operation " + op + " on paperless:" + resource.path()
                                               + " needs ids: a List of ids in the body or the header "
                                               + PaperlessConstants.IDS);
        }
        return ids;
    }


    private static void setIdHeader(Exchange exchange, Object model) {
        try {
            java.lang.reflect.Method m = model.getClass().getMethod("id");
            Object id = m.invoke(model);
            if (id != null) {
                exchange.getMessage().setHeader(PaperlessConstants.ID, id);
            }
        } catch (ReflectiveOperationException ignore) {
            // models without id
        }
    }
}
