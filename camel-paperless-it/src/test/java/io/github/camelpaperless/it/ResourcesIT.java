package io.github.camelpaperless.it;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelpaperless.client.PaperlessApiException;
import io.github.camelpaperless.client.Query;
import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.it.support.RealServer;
import io.github.camelpaperless.it.support.RealServersAtOnce;
import io.github.camelpaperless.it.support.Routes;
import org.apache.camel.Exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Create, read, list, page, update, replace, delete and the bulk object operations of every plain resource. */
class ResourcesIT {

    private static final String ID = PaperlessConstants.ID;

    /** The full CRUD round trip of one resource through the component, checked on the server. */
    private static int crud(Routes r, String resource, Map<String, Object> create, Map<String, Object> patch,
                            java.util.function.Function<JsonNode, Map<String, Object>> replace) {
        RealServer s = r.server();
        Exchange created = r.call("paperless:" + resource + "?operation=create", create);
        int id = created.getMessage().getHeader(ID, Integer.class);
        s.deleteLater(resource, id);
        JsonNode body = s.client().mapper().valueToTree(created.getMessage().getBody());
        assertThat(body.path("id").asInt()).isEqualTo(id);

        JsonNode got = r.json("paperless:" + resource + "?operation=get", null, ID, id);
        assertThat(got.path("id").asInt()).isEqualTo(id);
        create.forEach((k, v) -> {
            if (v instanceof String && !k.equals("password")) {
                assertThat(got.path(k).asText()).as(resource + "." + k).isEqualTo(v);
            }
        });

        if (List.of("correspondents", "document_types", "tags", "storage_paths", "custom_fields", "groups").contains(resource)) {
            // list (lazy, all pages) and page with a server-side filter
            JsonNode listed = r.json("paperless:" + resource + "?filter.name__iexact=" + create.get("name"), null);
            assertThat(listed).extracting(n -> n.path("id").asInt()).containsExactly(id);
            Exchange page = r.call("paperless:" + resource + "?operation=page&pageSize=5", null,
                    PaperlessConstants.FILTERS, Map.of("name__iexact", create.get("name")));
            assertThat(page.getMessage().getHeader(PaperlessConstants.COUNT, Long.class)).isEqualTo(1L);
            assertThat(page.getMessage().getHeader(PaperlessConstants.HAS_NEXT, Boolean.class)).isFalse();
        } else {
            // resources without filters: the whole list, lazily across pages of 1, and a page
            JsonNode listed = r.json("paperless:" + resource + "?pageSize=1", null);
            assertThat(listed).extracting(n -> n.path("id").asInt()).contains(id);
            Exchange page = r.call("paperless:" + resource + "?operation=page&pageSize=1", null);
            assertThat(page.getMessage().getHeader(PaperlessConstants.COUNT, Long.class)).isGreaterThanOrEqualTo(1L);
        }

        JsonNode updated = r.json("paperless:" + resource + "?operation=update", patch, ID, id);
        JsonNode after = s.get(resource + "/" + id);
        patch.forEach((k, v) -> {
            assertThat(updated.path(k).asText()).as("update answer " + resource + "." + k).isEqualTo(String.valueOf(v));
            assertThat(after.path(k).asText()).as("stored " + resource + "." + k).isEqualTo(String.valueOf(v));
        });

        Map<String, Object> full = replace.apply(after);
        r.call("paperless:" + resource + "?operation=replace", full, ID, id);
        JsonNode replaced = s.get(resource + "/" + id);
        full.forEach((k, v) -> {
            if (v instanceof String && !k.equals("password")) {
                assertThat(replaced.path(k).asText()).as("replaced " + resource + "." + k).isEqualTo(v);
            }
        });
        return id;
    }

    /** delete through the component, then the object is gone. */
    private static void delete(Routes r, String resource, int id) {
        assertThat(r.body("paperless:" + resource + "?operation=delete", id)).isEqualTo(Boolean.TRUE);
        assertGone(r.server(), resource, id);
    }

    private static void assertGone(RealServer s, String resource, int id) {
        Throwable t = catchThrowable(() -> s.get(resource + "/" + id));
        assertThat(t).isInstanceOf(PaperlessApiException.class);
        assertThat(((PaperlessApiException) t).getStatusCode()).isEqualTo(404);
    }

    @RealServersAtOnce
    void matchingObjectsCrudBulkPermissionsAndDelete(RealServer s) {
        Routes r = new Routes(s);
        JsonNode viewer = s.create("users", "viewer", Map.of("username", s.unique("viewer"), "password", "viewer-pw-1"));
        for (String resource : List.of("correspondents", "document_types", "tags", "storage_paths")) {
            Map<String, Object> create = new LinkedHashMap<>();
            create.put("name", s.unique(resource));
            if (resource.equals("storage_paths")) {
                create.put("path", "{{ created_year }}/{{ title }}");
            }
            int id = crud(r, resource, create, Map.of("match", "invoice", "matching_algorithm", 1), before -> {
                Map<String, Object> full = new LinkedHashMap<>();
                full.put("name", s.unique(resource + "-renamed"));
                if (resource.equals("storage_paths")) {
                    full.put("path", "{{ correspondent }}/{{ title }}");
                }
                return full;
            });
            int owner = s.get(resource + "/" + id).path("owner").asInt();

            // bulkSetPermissions: grants view, keeps the owner
            r.call("paperless:" + resource + "?operation=bulkSetPermissions",
                    Map.of("permissions", Map.of("view", Map.of("users", List.of(viewer.path("id").asInt()), "groups", List.of()))),
                    PaperlessConstants.IDS, List.of(id));
            JsonNode perms = s.get(resource + "/" + id, Query.create().set("full_perms", "true"));
            assertThat(perms.path("permissions").path("view").path("users")).extracting(JsonNode::asInt)
                    .as(resource + " view users").containsExactly(viewer.path("id").asInt());
            assertThat(perms.path("owner").asInt()).as(resource + " owner kept").isEqualTo(owner);

            // bulkDelete of two, delete of one
            int second = s.send("POST", resource, Map.of("name", s.unique(resource),
                    "path", "{{ title }}")).path("id").asInt();
            s.deleteLater(resource, second);
            JsonNode result = r.json("paperless:" + resource + "?operation=bulkDelete", List.of(id, second));
            assertThat(result.path("result").asText()).isEqualTo("OK");
            assertGone(s, resource, id);
            assertGone(s, resource, second);

            int third = s.send("POST", resource, Map.of("name", s.unique(resource), "path", "{{ title }}")).path("id").asInt();
            s.deleteLater(resource, third);
            assertThat(r.body("paperless:" + resource + "?operation=delete", third)).isEqualTo(Boolean.TRUE);
            assertGone(s, resource, third);
        }
    }

    @RealServersAtOnce
    void customFieldsSavedViewsGroupsAndUsers(RealServer s) {
        Routes r = new Routes(s);
        int cf = crud(r, "custom_fields", Map.of("name", s.unique("cf"), "data_type", "string"),
                Map.of("name", s.unique("cf-patched")), before -> Map.of("name", s.unique("cf-replaced"), "data_type", "string"));
        delete(r, "custom_fields", cf);

        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", s.unique("view"));
        view.put("sort_field", "created");
        view.put("filter_rules", List.of(Map.of("rule_type", 0, "value", "invoice")));
        if (!s.isV3()) {
            // API 9 on 2.x still requires the dashboard/sidebar flags
            view.put("show_on_dashboard", false);
            view.put("show_in_sidebar", false);
        }
        int savedView = crud(r, "saved_views", view, Map.of("sort_reverse", true), before -> {
            Map<String, Object> full = new LinkedHashMap<>(view);
            full.put("name", s.unique("view-replaced"));
            return full;
        });
        delete(r, "saved_views", savedView);

        int group = crud(r, "groups", Map.of("name", s.unique("group"), "permissions", List.of("view_document")),
                Map.of("name", s.unique("group-patched")),
                before -> Map.of("name", s.unique("group-replaced"), "permissions", List.of()));
        delete(r, "groups", group);

        String username = s.unique("user");
        int user = crud(r, "users", Map.of("username", username, "password", "user-pw-123", "first_name", "Ada"),
                Map.of("last_name", "Lovelace"),
                before -> Map.of("username", username, "first_name", "Grace", "last_name", "Hopper"));
        JsonNode listed = r.json("paperless:users?filter.username__iexact=" + username, null);
        assertThat(listed).extracting(n -> n.path("id").asInt()).containsExactly(user);
        assertThat(r.call("paperless:users?operation=page", null, PaperlessConstants.FILTERS,
                Map.of("username__iexact", username)).getMessage().getHeader(PaperlessConstants.COUNT, Long.class)).isEqualTo(1L);
        r.call("paperless:users?operation=delete", null, ID, user);
        assertGone(s, "users", user);
    }

    @RealServersAtOnce
    void workflowsTriggersAndActions(RealServer s) {
        Routes r = new Routes(s);
        // writing a workflow creates triggers and actions, replacing it leaves the old ones: remove every one this test
        // made, after the workflows (clean-ups run last registered first)
        java.util.Set<Integer> existing = new java.util.HashSet<>();
        for (String kind : List.of("workflow_triggers", "workflow_actions")) {
            s.get(kind, Query.create().set("page_size", 100000)).path("results").forEach(n -> existing.add(n.path("id").asInt()));
        }
        s.cleanup(() -> {
            for (String kind : List.of("workflow_triggers", "workflow_actions")) {
                for (JsonNode n : s.get(kind, Query.create().set("page_size", 100000)).path("results")) {
                    if (!existing.contains(n.path("id").asInt())) {
                        s.send("DELETE", kind + "/" + n.path("id").asInt(), null);
                    }
                }
            }
        });
        Map<String, Object> trigger = Map.of("type", 1, "sources", List.of(1, 2, 3), "filter_filename", "*." + s.unique("ext"));
        Map<String, Object> action = Map.of("type", 1, "assign_title", "from workflow");
        Exchange wf = r.call("paperless:workflows?operation=create", Map.of("name", s.unique("workflow"), "order", 5,
                "enabled", false, "triggers", List.of(trigger), "actions", List.of(action)));
        int id = wf.getMessage().getHeader(ID, Integer.class);
        JsonNode created = s.get("workflows/" + id);
        s.deleteLater("workflows", id);
        assertThat(created.path("enabled").asBoolean()).isFalse();

        JsonNode t = r.json("paperless:workflow_triggers?operation=get", created.path("triggers").get(0).path("id").asInt());
        assertThat(t.path("filter_filename").asText()).startsWith("*.");
        delete(r, "workflow_triggers", crud(r, "workflow_triggers", trigger, Map.of("filter_filename", "*.pdf"),
                before -> Map.of("type", 1, "sources", List.of(1), "filter_filename", "*.txt")));
        delete(r, "workflow_actions", crud(r, "workflow_actions", action, Map.of("assign_title", "patched"),
                before -> Map.of("type", 1, "assign_title", "replaced")));
        int wf2 = crud(r, "workflows", Map.of("name", s.unique("wf2"), "enabled", false, "triggers", List.of(trigger),
                "actions", List.of(action)), Map.of("order", 7), before -> Map.of("name", s.unique("wf2-replaced"),
                        "enabled", false, "triggers", List.of(trigger), "actions", List.of(action)));
        delete(r, "workflows", wf2);
    }
}
