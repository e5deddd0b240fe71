package io.github.camelpaperless.it;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelpaperless.client.PaperlessUnsupportedException;
import io.github.camelpaperless.client.model.Task;
import io.github.camelpaperless.it.support.RealServer;
import io.github.camelpaperless.it.support.RealServersAtOnce;
import io.github.camelpaperless.it.support.Routes;
import org.apache.camel.Exchange;

import static io.github.camelpaperless.component.PaperlessConstants.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The task views (v10 paginated on 3.x, v9 lists on 2.x), acknowledging, running tasks, and the trash. */
class TasksAndTrashIT {

    @RealServersAtOnce
    void listPageGetAcknowledgeAndTheV10Views(RealServer s) {
        Routes r = new Routes(s);
        String name = s.unique("task");
        int doc = s.uploadText(name, s.unique("task content"));

        // the server's own filter on the file name, through list and page
        JsonNode listed = r.json("paperless:tasks?filter.task_id=" + taskOf(s, doc).taskId(), null);
        assertThat(listed).hasSize(1);
        Task t = s.client().mapper().convertValue(listed.get(0), Task.class);
        assertThat(t.documentId()).isEqualTo(doc);
        assertThat(t.fileName()).isEqualTo(name + ".txt");
        Exchange page = r.call("paperless:tasks?operation=page&pageSize=5", null);
        assertThat(page.getMessage().getBody(List.class)).isNotEmpty();

        int acknowledged = (Integer) r.body("paperless:tasks?operation=acknowledge", List.of(t.id()));
        assertThat(acknowledged).isEqualTo(1);
        assertThat(s.client().tasks().get(t.id()).acknowledged()).isTrue();

        if (!s.isV3()) {
            for (String op : List.of("active", "summary", "statusCounts")) {
                assertThat(r.failure("paperless:tasks?operation=" + op, null)).as(op)
                        .isInstanceOf(PaperlessUnsupportedException.class)
                        .hasMessage("tasks active, summary and statusCounts need Paperless-ngx 3.0 or newer; the server "
                                    + "is Paperless-ngx " + s.serverVersion());
            }
        } else {
            assertThat(r.body("paperless:tasks?operation=active", null)).isInstanceOf(List.class);
            JsonNode summary = r.json("paperless:tasks?operation=summary&days=7", null);
            assertThat(summary).extracting(n -> n.path("task_type").asText()).contains("consume_file");
            JsonNode counts = r.json("paperless:tasks?operation=statusCounts", null);
            assertThat(counts.path("completed").asInt()).isPositive();
        }
    }

    private static Task taskOf(RealServer s, int doc) {
        for (Task t : s.client().tasks().list(io.github.camelpaperless.client.Query.create(), 100)) {
            if (doc == (t.documentId() == null ? -1 : t.documentId())) {
                return t;
            }
        }
        throw new AssertionError("no task made document " + doc);
    }

    @RealServersAtOnce
    void runASanityCheck(RealServer s) {
        Routes r = new Routes(s);
        Exchange ran = r.call("paperless:tasks?operation=run&taskType=sanity_check", null);
        if (!s.isV3()) {
            // 2.x runs the task before it answers: the body is its result, there is no task to poll
            assertThat(ran.getMessage().getHeader(TASK_ID)).isNull();
            assertThat(ran.getMessage().getHeader(TASK_STATUS)).isEqualTo("SUCCESS");
            return;
        }
        String uuid = ran.getMessage().getBody(String.class);
        assertThat(ran.getMessage().getHeader(TASK_ID, String.class)).isEqualTo(uuid).matches("[0-9a-f-]{36}");
        Task done = (Task) r.body("paperless:tasks?operation=poll&pollInterval=250&failOnTaskFailure=false", null,
                TASK_ID, uuid);
        assertThat(done.isTerminal()).isTrue();
    }

    @RealServersAtOnce
    void trashListPageRestoreAndEmpty(RealServer s) {
        Routes r = new Routes(s);
        int a = s.uploadText(s.unique("trash-a"), s.unique("trash a"));
        int b = s.uploadText(s.unique("trash-b"), s.unique("trash b"));
        r.call("paperless:documents?operation=bulkDelete", List.of(a, b));

        JsonNode trash = r.json("paperless:trash", null);
        assertThat(trash).extracting(n -> n.path("id").asInt()).contains(a, b);
        Exchange page = r.call("paperless:trash?operation=page&pageSize=1", null);
        assertThat(page.getMessage().getHeader(COUNT, Long.class)).isGreaterThanOrEqualTo(2L);
        assertThat(page.getMessage().getHeader(HAS_NEXT, Boolean.class)).isTrue();

        JsonNode restored = r.json("paperless:trash?operation=restore", List.of(a));
        assertThat(restored.path("result").asText()).isEqualTo("OK");
        assertThat(s.get("documents/" + a).path("id").asInt()).isEqualTo(a);

        r.json("paperless:trash?operation=empty", null, DOCUMENT_IDS, List.of(b));
        assertThat(r.json("paperless:trash", null)).extracting(n -> n.path("id").asInt()).doesNotContain(b);
        assertThat(r.failure("paperless:trash?operation=empty", null))
                .hasMessageContaining("all=true");
    }
}
