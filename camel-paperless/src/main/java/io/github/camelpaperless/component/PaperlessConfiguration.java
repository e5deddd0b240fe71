package io.github.camelpaperless.component;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.camelpaperless.client.PaperlessClient;
import io.github.camelpaperless.client.Query;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

/**
 * Options of the paperless component and its endpoints. Component-level values are copied into each endpoint.
 */
@UriParams
public class PaperlessConfiguration implements Cloneable {

    @UriPath(description = "The API resource (its path name under /api/).",
             enums = "correspondents,document_types,tags,storage_paths,custom_fields,saved_views,share_links,"
                     + "share_link_bundles,users,groups,mail_accounts,mail_rules,processed_mail,workflows,"
                     + "workflow_triggers,workflow_actions,config,profile,statistics,status,remote_version,"
                     + "ui_settings,logs,search,token,documents,tasks,trash")
    @Metadata(required = true)
    private String resource;

    // common
    @UriParam(description = "The Paperless-ngx server: host, host:port or http(s)://host[:port][/prefix]. "
                            + "The scheme defaults to https; a trailing /api is tolerated.")
    @Metadata(required = true)
    private String baseUrl;
    @UriParam(defaultValue = "auto", enums = "auto,9,10",
              description = "The REST API version to request. auto asks for 10 and falls back to 9 when the server answers 406.")
    private String apiVersion = "auto";
    @UriParam(defaultValue = "100",
              description = "Items per page requested from the server for list, page and consumers (1 to 100000).")
    private int pageSize = 100;

    // security
    @UriParam(label = "security", secret = true,
              description = "The API token (Authorization: Token ...). Create one in the Paperless profile page or with paperless:token.")
    private String token;
    @UriParam(label = "security", secret = true,
              description = "Username for HTTP Basic authentication (used when no token is set).")
    private String username;
    @UriParam(label = "security", secret = true,
              description = "Password for HTTP Basic authentication.")
    private String password;
    @UriParam(label = "security",
              description = "TLS settings (trust store, key store) for https servers, e.g. with a self-signed certificate.")
    private SSLContextParameters sslContextParameters;
    @UriParam(label = "security", defaultValue = "true",
              description = "Verify that the server certificate matches the host name. Turning it off is unsafe.")
    private boolean hostnameVerification = true;

    // producer
    @UriParam(label = "producer",
              enums = OperationNames.ALL,
              description = "The operation to perform (default: list, or get for single-object resources). "
                            + "The header CamelPaperlessOperation overrides it per message.")
    private String operation;
    @UriParam(label = "producer",
              description = "The object id for get, update, replace, delete and object actions, when neither the "
                            + "CamelPaperlessId header nor an Integer body gives one.")
    private String id;
    @UriParam(label = "producer", prefix = "filter.", multiValue = true,
              description = "API filters for list and page, e.g. filter.name__icontains=acme or filter.tags__id__all=1,2. "
                            + "The header CamelPaperlessFilters (a Map) is merged over them.")
    private Map<String, Object> filters;
    @UriParam(label = "producer",
              description = "Sort order for list and page, e.g. -created or name; prefix - for descending.")
    private String ordering;
    @UriParam(label = "producer",
              description = "Only return these fields (sparse fieldsets), comma separated, e.g. id,title.")
    private String fields;
    @UriParam(label = "producer", defaultValue = "false",
              description = "Return full permissions (permissions object) instead of user_can_change.")
    private boolean fullPerms;
    @UriParam(label = "producer", defaultValue = "0",
              description = "Stop list after this many items (0 = all).")
    private long maxResults;
    @UriParam(label = "producer", defaultValue = "false",
              description = "documents list: walk a snapshot — read the ids of every match first, then the documents in chunks "
                            + "of 100 by id — so that nothing is skipped when the route changes what the filters select while "
                            + "it walks (e.g. removes the inbox tag while walking filter.is_in_inbox=true); offset pages would "
                            + "skip a page's worth for each page taken out of the selection. One more request (the ids).")
    private boolean snapshot;
    @UriParam(label = "producer",
              description = "The search query for the global search (at least 3 characters) and document full-text search; "
                            + "the header CamelPaperlessQuery overrides it.")
    private String query;
    @UriParam(label = "producer",
              description = "logs get: return only the last N lines; documents autocomplete: at most N words.")
    private Integer limit;

    @UriParam(label = "producer",
              description = "Upload: the file name sent to Paperless (header CamelPaperlessFileName wins; default: the Camel file name).")
    private String fileName;
    @UriParam(label = "producer",
              description = "Upload: the MIME type of the file part (default: guessed from the file name).")
    private String contentType;
    @UriParam(label = "producer",
              description = "Upload: the document title.")
    private String title;
    @UriParam(label = "producer",
              description = "Upload: the created date, e.g. 2026-01-31.")
    private String created;
    @UriParam(label = "producer",
              description = "Upload and setCorrespondent: the correspondent, by id or name.")
    private String correspondent;
    @UriParam(label = "producer",
              description = "Upload and setDocumentType: the document type, by id or name.")
    private String documentType;
    @UriParam(label = "producer",
              description = "Upload and setStoragePath: the storage path, by id or name.")
    private String storagePath;
    @UriParam(label = "producer",
              description = "Upload: tags by id or name, comma separated; addTag/removeTag: one tag.")
    private String tags;
    @UriParam(label = "producer",
              description = "Upload: the archive serial number.")
    private Long archiveSerialNumber;
    @UriParam(label = "producer", defaultValue = "false",
              description = "Create correspondents, document types, storage paths and tags given by a name that does not exist yet (otherwise an unknown name is an error).")
    private boolean createMissing = false;
    @UriParam(label = "producer", defaultValue = "false",
              description = "Upload: wait until the consumption task finished and return the created Document (a failed task raises PaperlessTaskFailedException).")
    private boolean waitForCompletion = false;
    @UriParam(label = "producer", defaultValue = "300000", javaType = "java.time.Duration",
              description = "How long upload (with waitForCompletion) and tasks poll wait for the task; on timeout PaperlessTaskTimeoutException carries the task id.")
    private long waitTimeout = 300000;
    @UriParam(label = "producer", defaultValue = "1000", javaType = "java.time.Duration",
              description = "How often a task is checked while waiting. The waits of one client share one look at Paperless' "
                            + "task list (N uploads waiting at once cost one request per interval, not N); while the worker "
                            + "is busy or stalled the looks thin out, up to taskPollMaxInterval.")
    private long pollInterval = 1000;
    @UriParam(label = "producer,advanced", defaultValue = "5000", javaType = "java.time.Duration",
              description = "The longest time between two looks at a waited task (not below pollInterval): the interval grows "
                            + "towards it while a busy worker finishes tasks slowly or a stalled one finishes none, so a "
                            + "completion is noticed at most this long after Paperless finished the task.")
    private long taskPollMaxInterval = 5000;
    @UriParam(label = "producer", defaultValue = "allow", enums = "allow,skip,fail",
              description = "Upload: allow (default) uploads anyway; skip does not upload a document whose checksum exists (header CamelPaperlessDuplicateOf, body the existing Document); fail raises PaperlessDuplicateException.")
    private String duplicates = "allow";
    @UriParam(label = "producer,advanced",
              description = "Upload: where the uploads this application sent and has not seen through are remembered (an upload of "
                            + "the same file — same content and name, or header CamelPaperlessIdempotencyKey — is not sent "
                            + "again while the earlier one is queued or running in Paperless, or done but its exchange did not "
                            + "complete: its task is taken over). Default: in memory, for the life of the client (covers "
                            + "redeliveries and files picked up again); a persistent StateRepository (e.g. Camel's "
                            + "FileStateRepository) also covers an application restarted mid-upload; instances sharing "
                            + "a drop share a JdbcStateRepository (or SharedFileStateRepository), whose changes are atomic "
                            + "across them.")
    private org.apache.camel.spi.StateRepository<String, String> uploadStateRepository;
    @UriParam(label = "producer,advanced", defaultValue = "3900000", javaType = "java.time.Duration",
              description = "When an unfinished task is taken for orphaned, so that waiting for it stops "
                            + "(PaperlessTaskOrphanedException) and an upload of the same file sends it again: a task still "
                            + "marked started this long lost its worker (Paperless' PAPERLESS_WORKER_TIMEOUT, 30 min by "
                            + "default, ends a task sooner); one still queued this long while files queued after it were "
                            + "consumed lost its place in the queue (redis restarted without its data). Default 65 min: "
                            + "tasks a dead worker had taken come back after Celery's one-hour visibility timeout and run.")
    private long taskOrphanedAfter = 3_900_000;
    @UriParam(label = "producer", defaultValue = "false",
              description = "download and preview: the original file instead of the archived version (header CamelPaperlessOriginal wins).")
    private boolean original = false;
    @UriParam(label = "producer", defaultValue = "true",
              description = "tasks poll: raise PaperlessTaskFailedException when the task failed (otherwise return it).")
    private boolean failOnTaskFailure = true;
    @UriParam(label = "producer", defaultValue = "false",
              description = "Bulk operations and trash empty: apply to every document matching the filters (filter.* / CamelPaperlessFilters) instead of explicit ids.")
    private boolean all = false;
    @UriParam(label = "producer", defaultValue = "archive", enums = "archive,originals,both",
              description = "bulkDownload: the archived files, the originals, or both.")
    private String content;
    @UriParam(label = "producer", defaultValue = "none", enums = "none,deflated,bzip2,lzma",
              description = "bulkDownload: the zip's compression.")
    private String compression;
    @UriParam(label = "producer",
              description = "tasks summary: the number of days (1 to 365, server default 30).")
    private Integer days;
    @UriParam(label = "common",
              description = "tasks run: the task to start (train_classifier, sanity_check, or llm_index on 3.x). Tasks "
                            + "consumer: only tasks of these types (comma separated, e.g. consume_file).")
    private String taskType;
    @UriParam(label = "producer", enums = "90,180,270",
              description = "rotate: degrees clockwise.")
    private Integer degrees;
    @UriParam(label = "producer", defaultValue = "false",
              description = "download and bulkDownload: name files by the server's filename format (storage path) instead of the original name.")
    private boolean followFormatting;
    @UriParam(label = "producer", defaultValue = "false",
              description = "documents get/list/page: truncate content to 550 characters.")
    private boolean truncateContent = false;
    @UriParam(label = "producer", defaultValue = "false",
              description = "documents page: also return the counts per correspondent, document type, storage path, tag "
                            + "and custom field over all matching documents (header CamelPaperlessSelectionData; "
                            + "Paperless-ngx 3).")
    private boolean includeSelectionData;
    @UriParam(label = "producer", defaultValue = "merge", enums = "merge,replace",
              description = "documents update with custom_fields in the body: merge (the given fields are set, the "
                            + "document's other fields kept: the component reads the document's fields and writes them "
                            + "back with the changes, so a concurrent edit of another field between the two can be lost) "
                            + "or replace (the given fields become the document's only custom fields: fields not given "
                            + "are removed). For server-side, atomic changes use modifyCustomFields "
                            + "(add_custom_fields / remove_custom_fields).")
    private String customFieldsUpdate = "merge";

    @UriParam(label = "consumer", defaultValue = "added", enums = "added,modified",
              description = "Documents consumer: emit documents that were added (default) or modified since the last position.")
    private String mode = "added";
    @UriParam(label = "consumer", defaultValue = "now",
              description = "Where a consumer starts when its state repository has no position yet: now (default: nothing old), beginning (replay everything in order), an ISO date-time (e.g. 2026-01-01T00:00:00Z) or, for documents, a document id (start after it).")
    private String startFrom = "now";
    @UriParam(label = "consumer",
              description = "Where consumers keep their position (committed only after an exchange completed successfully), e.g. Camel FileStateRepository; for instances that fail over JdbcStateRepository (a database) or SharedFileStateRepository (one host): both fence, so an instance that lost its leadership cannot write over the position of the one that took over. Default: in memory, kept by the endpoint — a route stopped and started goes on where it stood (push: the catch-up at start emits what was added meanwhile), but an application restart starts again from startFrom: documents added while it was down are caught up only with a persistent repository.")
    private org.apache.camel.spi.StateRepository<String, String> stateRepository;
    @UriParam(label = "consumer",
              description = "The key of this consumer in the state repository (default: derived from the resource, mode and filters).")
    private String stateKey;
    @UriParam(label = "consumer", defaultValue = "120000", javaType = "java.time.Duration",
              description = "Consumers re-read this far behind their position (documents that become visible late, tasks finishing out of order) and skip what they already committed.")
    private long lookback = 120000;
    @UriParam(label = "consumer", defaultValue = "none", enums = "none,original,archive",
              description = "Documents consumer: the body is the file (streamed, closed on completion; the Document is in the header CamelPaperlessDocument) instead of the Document.")
    private String includeContent = "none";
    @UriParam(label = "consumer",
              description = "Documents consumer: tags (ids or names, comma separated) added to a document after its exchange succeeded.")
    private String addTags;
    @UriParam(label = "consumer",
              description = "Documents consumer: tags (ids or names, comma separated) removed from a document after its exchange succeeded, e.g. the inbox tag.")
    private String removeTags;
    @UriParam(label = "consumer", prefix = "setCustomField.", multiValue = true,
              description = "Documents consumer: custom field values set after the exchange succeeded, e.g. setCustomField.Exported=true.")
    private Map<String, Object> setCustomFields;
    @UriParam(label = "consumer",
              description = "Documents consumer: a tag (id or name) added to a document whose exchange failed.")
    private String failureTag;
    @UriParam(label = "consumer", defaultValue = "100",
              description = "The most exchanges one poll emits (0 = no limit); also bounds the page size.")
    private int maxMessagesPerPoll = 100;
    @UriParam(label = "consumer",
              description = "Tasks consumer: only these terminal statuses (comma separated: success, failure, revoked).")
    private String status;
    @UriParam(label = "consumer",
              description = "Tasks consumer: only tasks from these sources (comma separated API 10 names: scheduled, web_ui, api_upload, folder_consume, email_consume, system, manual; mapped to the API 9 type where possible).")
    private String triggerSource;
    @UriParam(label = "consumer", enums = "true,false",
              description = "Tasks consumer: only acknowledged (true) or only unacknowledged (false) tasks; unset "
                            + "(the default): both.")
    private String acknowledged;
    @UriParam(label = "consumer", defaultValue = "false",
              description = "Tasks consumer: acknowledge each task after its exchange succeeded.")
    private boolean acknowledge = false;

    // consumer: push (Paperless workflow webhooks)
    @UriParam(label = "consumer,push", defaultValue = "false",
              description = "Documents consumer: also receive Paperless' workflow webhooks, so a document is emitted "
                            + "seconds after Paperless added (or, with mode=modified, changed) it. The consumer serves "
                            + "webhookPath on the application's HTTP server (platform-http, netty-http, jetty, undertow "
                            + "or servlet: see webhookComponentName), creates or updates a Paperless workflow per event "
                            + "that calls it (provisionWorkflow), and keeps polling every catchUpDelay (and once at "
                            + "start) for what no webhook delivered. A call is answered 202 at once (Paperless waits 5 s and "
                            + "never calls again after a timeout) and emitted right after, on the consumer's own thread; a "
                            + "failed exchange is emitted again after 1, 2 and 4 s, then by the catch-up poll. Each document "
                            + "is emitted once across push and poll (at least once across a crash: see stateRepository).")
    private boolean push;
    @UriParam(label = "consumer,push",
              description = "Push: the URL under which Paperless reaches this application's HTTP server (scheme, "
                            + "host, port and any proxy prefix, e.g. http://camel-host:8080); webhookPath is appended. "
                            + "Required with push=true: the bind address is rarely what Paperless must call.")
    private String webhookExternalUrl;
    @UriParam(label = "consumer,push",
              description = "Push: the path the consumer serves for Paperless' calls (default: /paperless/webhook/ "
                            + "plus a name derived from the state key).")
    private String webhookPath;
    @UriParam(label = "consumer,push",
              description = "Push: the Camel component (or registry bean) that serves the webhook path, a "
                            + "RestConsumerFactory such as platform-http, netty-http, jetty, undertow or servlet. Default: "
                            + "the first of these found (platform-http first).")
    private String webhookComponentName;
    @UriParam(label = "consumer,push", secret = true,
              description = "Push: the secret Paperless sends in the X-Paperless-Secret header of each webhook call; "
                            + "calls without it are answered 401 and emit nothing. Default: derived from the client's token "
                            + "(or password), the webhook URL and the state key — the same across restarts and for every "
                            + "replica behind the same URL, revealing nothing of the token — and written into the provisioned "
                            + "workflow. Set it with provisionWorkflow=false, or when the client has no token or password.")
    private String webhookSecret;
    @UriParam(label = "consumer,push",
              description = "Push: the name of the Paperless workflows the consumer provisions (the event is appended: "
                            + "'<name> (added)', '<name> (updated)'). Default: 'camel-paperless ' plus the state key and a "
                            + "digest of the webhook URL, stable across restarts.")
    private String workflowName;
    @UriParam(label = "consumer,push", defaultValue = "true",
              description = "Push: create or update the workflows on start (needs permission to change workflows). "
                            + "false: use a workflow made by hand; its webhook action must POST the params "
                            + "doc_url={{ doc_url }} (and event=added|updated) as JSON to the webhook URL with the "
                            + "header X-Paperless-Secret set to webhookSecret.")
    private boolean provisionWorkflow = true;
    @UriParam(label = "consumer,push", defaultValue = "false",
              description = "Push: delete the provisioned workflows when the consumer stops. By default they stay (calls "
                            + "made while the route is down fail, and the catch-up poll at start emits those documents; "
                            + "across an application restart only with a persistent stateRepository). Replicas sharing "
                            + "a stateRepository that is a SharedStateRepository (JdbcStateRepository, "
                            + "SharedFileStateRepository) leave it to the last replica to stop.")
    private boolean deleteWorkflowOnStop;
    @UriParam(label = "consumer,push",
              description = "Push: also emit an exchange when Paperless starts consuming a file whose name matches "
                            + "this wildcard (e.g. *.pdf; Paperless needs a file name filter for this trigger), from "
                            + "any source (consume folder, API, mail, web UI). No document exists yet: the body is the "
                            + "call's parameters (a Map), the headers CamelPaperlessEvent=consumptionStarted and "
                            + "CamelPaperlessFileName; such events are neither deduplicated nor caught up by polling.")
    private String consumptionStartedFilter;
    @UriParam(label = "consumer,push", defaultValue = "600000", javaType = "java.time.Duration",
              description = "Push: the time between catch-up polls, which emit what no webhook delivered (the "
                            + "route was down, a call failed or timed out). Replaces delay when push=true. Replicas "
                            + "sharing a stateRepository: one of them runs the catch-up at a time, and a document another "
                            + "replica claimed (is emitting) is left to it until the claim is this old.")
    private long catchUpDelay = 600_000;

    // advanced: HTTP
    @UriParam(label = "advanced", defaultValue = "10000", javaType = "java.time.Duration",
              description = "Timeout to establish a connection.")
    private long connectTimeout = 10_000;
    @UriParam(label = "advanced", defaultValue = "60000", javaType = "java.time.Duration",
              description = "Timeout waiting for response data (between two packets).")
    private long responseTimeout = 60_000;
    @UriParam(label = "advanced", defaultValue = "20",
              description = "Maximum pooled connections per route (host).")
    private int connectionsPerRoute = 20;
    @UriParam(label = "advanced", defaultValue = "50",
              description = "Maximum pooled connections in total.")
    private int maxTotalConnections = 50;
    @UriParam(label = "advanced", defaultValue = "3",
              description = "How often an idempotent request (GET, PUT, PATCH, DELETE) is retried on connection errors, "
                            + "timeouts, 502/503/504 and 429. Uploads and other POSTs are retried only when the connection "
                            + "could not be established. 0 disables retries.")
    private int retryAttempts = 3;
    @UriParam(label = "advanced", defaultValue = "500", javaType = "java.time.Duration",
              description = "Initial delay between retries; doubles each retry, with jitter.")
    private long retryDelay = 500;
    @UriParam(label = "advanced", defaultValue = "30000", javaType = "java.time.Duration",
              description = "Maximum delay between retries (also caps a server's Retry-After).")
    private long retryMaxDelay = 30_000;
    @UriParam(label = "advanced",
              description = "A hook to customise the Apache HttpClient builder (interceptors, routes, ...).")
    private HttpClientConfigurer httpClientConfigurer;
    @UriParam(label = "advanced",
              description = "Use this Apache HttpClient 5 instead of building one (it is not closed by the component).")
    private CloseableHttpClient httpClient;
    @UriParam(label = "advanced",
              description = "Use this Paperless client instead of building one from the options (it is not closed by the "
                            + "component). Autowired: a single PaperlessClient in the registry is used.")
    @Metadata(autowired = true)
    private PaperlessClient client;

    // proxy
    @UriParam(label = "proxy", description = "HTTP proxy host.")
    private String proxyHost;
    @UriParam(label = "proxy", description = "HTTP proxy port.")
    private Integer proxyPort;
    @UriParam(label = "proxy", secret = true, description = "HTTP proxy username.")
    private String proxyUsername;
    @UriParam(label = "proxy", secret = true, description = "HTTP proxy password.")
    private String proxyPassword;

    /** A copy for an endpoint (the filters map is copied too). */
    public PaperlessConfiguration copy() {
        try {
            PaperlessConfiguration c = (PaperlessConfiguration) super.clone();
            c.filters = filters == null ? null : new LinkedHashMap<>(filters);
            c.setCustomFields = setCustomFields == null ? null : new LinkedHashMap<>(setCustomFields);
            return c;
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    public String getResource() {
        return resource;
    }

    /** The API resource (its path name under /api/). */
    public void setResource(String resource) {
        this.resource = resource;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getApiVersion() {
        return apiVersion;
    }

    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public boolean isHostnameVerification() {
        return hostnameVerification;
    }

    public void setHostnameVerification(boolean hostnameVerification) {
        this.hostnameVerification = hostnameVerification;
    }

    public String getOperation() {
        return operation;
    }

    public void setOperation(String operation) {
        this.operation = operation;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    /** The {@code filter.*} options as a query (empty when there are none). */
    public Query filterQuery() {
        Query q = Query.create();
        if (filters != null) {
            filters.forEach(q::set);
        }
        return q;
    }

    public Map<String, Object> getFilters() {
        return filters;
    }

    public void setFilters(Map<String, Object> filters) {
        this.filters = filters;
    }

    public String getOrdering() {
        return ordering;
    }

    public void setOrdering(String ordering) {
        this.ordering = ordering;
    }

    public String getFields() {
        return fields;
    }

    public void setFields(String fields) {
        this.fields = fields;
    }

    public boolean isFullPerms() {
        return fullPerms;
    }

    public void setFullPerms(boolean fullPerms) {
        this.fullPerms = fullPerms;
    }

    public boolean isSnapshot() {
        return snapshot;
    }

    public void setSnapshot(boolean snapshot) {
        this.snapshot = snapshot;
    }

    public long getMaxResults() {
        return maxResults;
    }

    public void setMaxResults(long maxResults) {
        this.maxResults = maxResults;
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query;
    }

    public Integer getLimit() {
        return limit;
    }

    public void setLimit(Integer limit) {
        this.limit = limit;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getResponseTimeout() {
        return responseTimeout;
    }

    public void setResponseTimeout(long responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    public int getConnectionsPerRoute() {
        return connectionsPerRoute;
    }

    public void setConnectionsPerRoute(int connectionsPerRoute) {
        this.connectionsPerRoute = connectionsPerRoute;
    }

    public int getMaxTotalConnections() {
        return maxTotalConnections;
    }

    public void setMaxTotalConnections(int maxTotalConnections) {
        this.maxTotalConnections = maxTotalConnections;
    }

    public int getRetryAttempts() {
        return retryAttempts;
    }

    public void setRetryAttempts(int retryAttempts) {
        this.retryAttempts = retryAttempts;
    }

    public long getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(long retryDelay) {
        this.retryDelay = retryDelay;
    }

    public long getRetryMaxDelay() {
        return retryMaxDelay;
    }

    public void setRetryMaxDelay(long retryMaxDelay) {
        this.retryMaxDelay = retryMaxDelay;
    }

    public HttpClientConfigurer getHttpClientConfigurer() {
        return httpClientConfigurer;
    }

    public void setHttpClientConfigurer(HttpClientConfigurer httpClientConfigurer) {
        this.httpClientConfigurer = httpClientConfigurer;
    }

    public CloseableHttpClient getHttpClient() {
        return httpClient;
    }

    public void setHttpClient(CloseableHttpClient httpClient) {
        this.httpClient = httpClient;
    }

    public PaperlessClient getClient() {
        return client;
    }

    public void setClient(PaperlessClient client) {
        this.client = client;
    }

    public String getProxyHost() {
        return proxyHost;
    }

    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
    }

    public Integer getProxyPort() {
        return proxyPort;
    }

    public void setProxyPort(Integer proxyPort) {
        this.proxyPort = proxyPort;
    }

    public String getProxyUsername() {
        return proxyUsername;
    }

    public void setProxyUsername(String proxyUsername) {
        this.proxyUsername = proxyUsername;
    }

    public String getProxyPassword() {
        return proxyPassword;
    }

    public void setProxyPassword(String proxyPassword) {
        this.proxyPassword = proxyPassword;
    }

    public String getFileName() {
        return fileName;
    }

    public void setFileName(String fileName) {
        this.fileName = fileName;
    }

    public String getContentType() {
        return contentType;
    }

    public void setContentType(String contentType) {
        this.contentType = contentType;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getCreated() {
        return created;
    }

    public void setCreated(String created) {
        this.created = created;
    }

    public String getCorrespondent() {
        return correspondent;
    }

    public void setCorrespondent(String correspondent) {
        this.correspondent = correspondent;
    }

    public String getDocumentType() {
        return documentType;
    }

    public void setDocumentType(String documentType) {
        this.documentType = documentType;
    }

    public String getStoragePath() {
        return storagePath;
    }

    public void setStoragePath(String storagePath) {
        this.storagePath = storagePath;
    }

    public String getTags() {
        return tags;
    }

    public void setTags(String tags) {
        this.tags = tags;
    }

    public Long getArchiveSerialNumber() {
        return archiveSerialNumber;
    }

    public void setArchiveSerialNumber(Long archiveSerialNumber) {
        this.archiveSerialNumber = archiveSerialNumber;
    }

    public boolean isCreateMissing() {
        return createMissing;
    }

    public void setCreateMissing(boolean createMissing) {
        this.createMissing = createMissing;
    }

    public boolean isWaitForCompletion() {
        return waitForCompletion;
    }

    public void setWaitForCompletion(boolean waitForCompletion) {
        this.waitForCompletion = waitForCompletion;
    }

    public long getWaitTimeout() {
        return waitTimeout;
    }

    public void setWaitTimeout(long waitTimeout) {
        this.waitTimeout = waitTimeout;
    }

    public long getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(long pollInterval) {
        this.pollInterval = pollInterval;
    }

    public long getTaskPollMaxInterval() {
        return taskPollMaxInterval;
    }

    public void setTaskPollMaxInterval(long taskPollMaxInterval) {
        this.taskPollMaxInterval = taskPollMaxInterval;
    }

    public org.apache.camel.spi.StateRepository<String, String> getUploadStateRepository() {
        return uploadStateRepository;
    }

    public void setUploadStateRepository(org.apache.camel.spi.StateRepository<String, String> uploadStateRepository) {
        this.uploadStateRepository = uploadStateRepository;
    }

    public long getTaskOrphanedAfter() {
        return taskOrphanedAfter;
    }

    public void setTaskOrphanedAfter(long taskOrphanedAfter) {
        this.taskOrphanedAfter = taskOrphanedAfter;
    }

    public String getDuplicates() {
        return duplicates;
    }

    public void setDuplicates(String duplicates) {
        this.duplicates = duplicates;
    }

    public boolean isOriginal() {
        return original;
    }

    public void setOriginal(boolean original) {
        this.original = original;
    }

    public boolean isFailOnTaskFailure() {
        return failOnTaskFailure;
    }

    public void setFailOnTaskFailure(boolean failOnTaskFailure) {
        this.failOnTaskFailure = failOnTaskFailure;
    }

    public boolean isAll() {
        return all;
    }

    public void setAll(boolean all) {
        this.all = all;
    }

    public String getContent() {
        return content;
    }

    public void setContent(String content) {
        this.content = content;
    }

    public String getCompression() {
        return compression;
    }

    public void setCompression(String compression) {
        this.compression = compression;
    }

    public Integer getDays() {
        return days;
    }

    public void setDays(Integer days) {
        this.days = days;
    }

    public String getTaskType() {
        return taskType;
    }

    public void setTaskType(String taskType) {
        this.taskType = taskType;
    }

    public Integer getDegrees() {
        return degrees;
    }

    public void setDegrees(Integer degrees) {
        this.degrees = degrees;
    }

    public String getCustomFieldsUpdate() {
        return customFieldsUpdate;
    }

    public void setCustomFieldsUpdate(String customFieldsUpdate) {
        this.customFieldsUpdate = customFieldsUpdate;
    }

    public boolean isTruncateContent() {
        return truncateContent;
    }

    public void setTruncateContent(boolean truncateContent) {
        this.truncateContent = truncateContent;
    }

    public boolean isIncludeSelectionData() {
        return includeSelectionData;
    }

    public void setIncludeSelectionData(boolean includeSelectionData) {
        this.includeSelectionData = includeSelectionData;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public String getStartFrom() {
        return startFrom;
    }

    public void setStartFrom(String startFrom) {
        this.startFrom = startFrom;
    }

    public org.apache.camel.spi.StateRepository<String, String> getStateRepository() {
        return stateRepository;
    }

    public void setStateRepository(org.apache.camel.spi.StateRepository<String, String> stateRepository) {
        this.stateRepository = stateRepository;
    }

    public String getStateKey() {
        return stateKey;
    }

    public void setStateKey(String stateKey) {
        this.stateKey = stateKey;
    }

    public long getLookback() {
        return lookback;
    }

    public void setLookback(long lookback) {
        this.lookback = lookback;
    }

    public String getIncludeContent() {
        return includeContent;
    }

    public void setIncludeContent(String includeContent) {
        this.includeContent = includeContent;
    }

    public String getAddTags() {
        return addTags;
    }

    public void setAddTags(String addTags) {
        this.addTags = addTags;
    }

    public String getRemoveTags() {
        return removeTags;
    }

    public void setRemoveTags(String removeTags) {
        this.removeTags = removeTags;
    }

    public Map<String, Object> getSetCustomFields() {
        return setCustomFields;
    }

    public void setSetCustomFields(Map<String, Object> setCustomFields) {
        this.setCustomFields = setCustomFields;
    }

    public String getFailureTag() {
        return failureTag;
    }

    public void setFailureTag(String failureTag) {
        this.failureTag = failureTag;
    }

    public int getMaxMessagesPerPoll() {
        return maxMessagesPerPoll;
    }

    public void setMaxMessagesPerPoll(int maxMessagesPerPoll) {
        this.maxMessagesPerPoll = maxMessagesPerPoll;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getTriggerSource() {
        return triggerSource;
    }

    public void setTriggerSource(String triggerSource) {
        this.triggerSource = triggerSource;
    }

    public String getAcknowledged() {
        return acknowledged;
    }

    public void setAcknowledged(String acknowledged) {
        this.acknowledged = acknowledged;
    }

    public boolean isAcknowledge() {
        return acknowledge;
    }

    public void setAcknowledge(boolean acknowledge) {
        this.acknowledge = acknowledge;
    }

    public boolean isFollowFormatting() {
        return followFormatting;
    }

    public void setFollowFormatting(boolean followFormatting) {
        this.followFormatting = followFormatting;
    }

    public boolean isPush() {
        return push;
    }

    public void setPush(boolean push) {
        this.push = push;
    }

    public String getWebhookExternalUrl() {
        return webhookExternalUrl;
    }

    public void setWebhookExternalUrl(String webhookExternalUrl) {
        this.webhookExternalUrl = webhookExternalUrl;
    }

    public String getWebhookPath() {
        return webhookPath;
    }

    public void setWebhookPath(String webhookPath) {
        this.webhookPath = webhookPath;
    }

    public String getWebhookComponentName() {
        return webhookComponentName;
    }

    public void setWebhookComponentName(String webhookComponentName) {
        this.webhookComponentName = webhookComponentName;
    }

    public String getWebhookSecret() {
        return webhookSecret;
    }

    public void setWebhookSecret(String webhookSecret) {
        this.webhookSecret = webhookSecret;
    }

    public String getWorkflowName() {
        return workflowName;
    }

    public void setWorkflowName(String workflowName) {
        this.workflowName = workflowName;
    }

    public boolean isProvisionWorkflow() {
        return provisionWorkflow;
    }

    public void setProvisionWorkflow(boolean provisionWorkflow) {
        this.provisionWorkflow = provisionWorkflow;
    }

    public boolean isDeleteWorkflowOnStop() {
        return deleteWorkflowOnStop;
    }

    public void setDeleteWorkflowOnStop(boolean deleteWorkflowOnStop) {
        this.deleteWorkflowOnStop = deleteWorkflowOnStop;
    }

    public long getCatchUpDelay() {
        return catchUpDelay;
    }

    public void setCatchUpDelay(long catchUpDelay) {
        this.catchUpDelay = catchUpDelay;
    }

    public String getConsumptionStartedFilter() {
        return consumptionStartedFilter;
    }

    public void setConsumptionStartedFilter(String consumptionStartedFilter) {
        this.consumptionStartedFilter = consumptionStartedFilter;
    }
}
