package io.github.camelpaperless.component;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelpaperless.client.PagedIterable;
import io.github.camelpaperless.client.PaperlessNotFoundException;
import io.github.camelpaperless.client.PaperlessTaskFailedException;
import io.github.camelpaperless.client.model.Document;
import io.github.camelpaperless.client.model.Task;
import io.github.camelpaperless.client.model.TaskStatus;
import io.github.camelpaperless.client.model.TaskType;
import io.github.camelpaperless.client.model.TriggerSource;
import io.github.camelpaperless.support.Fixtures;
import io.github.camelpaperless.support.PaperlessTestSupport;
import io.github.camelpaperless.support.TaskFixtures;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

@SuppressWarnings("unchecked")
class TasksAndTrashTest extends PaperlessTestSupport {

    static final String UUID = "11111111-2222-4333-8444-555555555555";

    @Test
    void getByUuidReadsTheV10Shape() {
        wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_id", equalTo(UUID))
                .willReturn(okJson(TaskFixtures.page(TaskFixtures.v10(17, UUID, "success", "{\"document_id\":42}", "[42]")))));
        Exchange ex = template.request("paperless:tasks?operation=get", e -> e.getMessage().setHeader(PaperlessConstants.TASK_ID, UUID));
        Task t = ex.getMessage().getBody(Task.class);
        assertThat(t.taskType()).isEqualTo(TaskType.CONSUME_FILE);
        assertThat(t.triggerSource()).isEqualTo(TriggerSource.API_UPLOAD);
        assertThat(t.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(t.documentId()).isEqualTo(42);
        assertThat(t.fileName()).isEqualTo("invoice.pdf");
        assertThat(t.durationSeconds()).isEqualTo(3.5);
        assertThat(ex.getMessage().getHeader(PaperlessConstants.TASK_STATUS)).isEqualTo("success");
        assertThat(ex.getMessage().getHeader(PaperlessConstants.ID)).isEqualTo(42);
    }

    @Test
    void getByUuidReadsTheV9ShapeAndPlainList() {
        wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_id", equalTo(UUID))
                .willReturn(okJson("[" + TaskFixtures.v9(17, UUID, "SUCCESS", "Success. New document id 42 created", 42) + "]")));
        Task t = (Task) call("paperless:tasks?operation=get&apiVersion=9", UUID);
        assertThat(t.taskType()).isEqualTo(TaskType.CONSUME_FILE);
        assertThat(t.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(t.documentId()).isEqualTo(42);
        assertThat(t.message()).isEqualTo("Success. New document id 42 created");
        assertThat(t.fileName()).isEqualTo("invoice.pdf");
        wm.verify(getRequestedFor(urlPathEqualTo("/api/tasks/")).withQueryParam("page_size", absent()));
    }

    @Test
    void v9RenamedTaskNamesAndUnknownValuesAreTolerated() throws Exception {
        String json = TaskFixtures.v9(5, UUID, "SUCCESS", null, null).replace("consume_file", "check_sanity");
        Task t = io.github.camelpaperless.client.PaperlessJson.mapper().readValue(json, Task.class);
        assertThat(t.taskType()).isEqualTo(TaskType.SANITY_CHECK);
        Task odd = io.github.camelpaperless.client.PaperlessJson.mapper().readValue(
                TaskFixtures.v10(6, UUID, "exploded", null, null).replace("consume_file", "quantum_ocr"), Task.class);
        assertThat(odd.status()).isEqualTo(TaskStatus.UNKNOWN);
        assertThat(odd.taskType()).isEqualTo(TaskType.UNKNOWN);
    }

    @Test
    void getByIntegerPkAndUnknownUuid() {
        wm.stubFor(get(urlPathEqualTo("/api/tasks/17/")).willReturn(okJson(TaskFixtures.v10(17, UUID, "started", null, null))));
        wm.stubFor(get(urlPathEqualTo("/api/tasks/")).willReturn(okJson(TaskFixtures.page())));
        assertThat(((Task) call("paperless:tasks?operation=get", 17)).status()).isEqualTo(TaskStatus.STARTED);
        assertThat(template.request("paperless:tasks?operation=get", e -> e.getMessage().setBody(UUID)).getException())
                .isInstanceOf(PaperlessNotFoundException.class).hasMessageContaining(UUID);
    }

    @Test
    void listActiveSummaryStatusCountsAcknowledgeRun() {
        String t1 = TaskFixtures.v10(1, UUID, "failure", "{\"error_type\":\"ConsumerError\",\"error_message\":\"broken pdf\",\"traceback\":\"...\"}", "[]");
        wm.stubFor(get(urlPathEqualTo("/api/tasks/")).willReturn(okJson(TaskFixtures.page(t1))));
        wm.stubFor(get(urlPathEqualTo("/api/tasks/active/")).willReturn(okJson("[" + TaskFixtures.v10(2, "22222222-2222-4333-8444-555555555555", "pending", null, null) + "]")));
        wm.stubFor(get(urlPathEqualTo("/api/tasks/summary/")).willReturn(okJson(
                "[{\"task_type\":\"consume_file\",\"total_count\":10,\"pending_count\":0,\"success_count\":9,\"failure_count\":1,"
                + "\"avg_duration_seconds\":3.1,\"avg_wait_time_seconds\":0.5,\"last_run\":\"2026-11-23T10:00:00Z\",\"last_success\":\"2026-11-23T10:00:00Z\",\"last_failure\":null}]")));
        wm.stubFor(get(urlPathEqualTo("/api/tasks/status_counts/")).willReturn(okJson("{\"all\":10,\"needs_attention\":1,\"in_progress\":0,\"completed\":9}")));
        wm.stubFor(post(urlPathEqualTo("/api/tasks/acknowledge/")).willReturn(okJson("{\"result\":2}")));
        wm.stubFor(post(urlPathEqualTo("/api/tasks/run/")).willReturn(okJson("{\"task_id\":\"33333333-2222-4333-8444-555555555555\"}")));

        PagedIterable<Task> list = (PagedIterable<Task>) call("paperless:tasks?filter.status=failure&filter.task_type=consume_file", null);
        Task failed = list.iterator().next();
        assertThat(failed.message()).isEqualTo("broken pdf");
        wm.verify(getRequestedFor(urlPathEqualTo("/api/tasks/")).withQueryParam("status", equalTo("failure"))
                .withQueryParam("task_type", equalTo("consume_file")));
        assertThat((List<Task>) call("paperless:tasks?operation=active", null)).hasSize(1);
        List<io.github.camelpaperless.client.model.TaskSummary> summary
                = (List<io.github.camelpaperless.client.model.TaskSummary>) call("paperless:tasks?operation=summary&days=7", null);
        assertThat(summary.get(0).failureCount()).isEqualTo(1);
        assertThat(summary.get(0).taskType()).isEqualTo(TaskType.CONSUME_FILE);
        wm.verify(getRequestedFor(urlPathEqualTo("/api/tasks/summary/")).withQueryParam("days", equalTo("7")));
        assertThat(((io.github.camelpaperless.client.model.TaskStatusCounts) call("paperless:tasks?operation=statusCounts", null))
                .needsAttention()).isEqualTo(1);
        assertThat(call("paperless:tasks?operation=acknowledge", List.of(1, 2))).isEqualTo(2);
        call("paperless:tasks?operation=acknowledge&all=true", null);
        wm.verify(postRequestedFor(urlPathEqualTo("/api/tasks/acknowledge/")).withRequestBody(equalToJson("{\"tasks\":[1,2]}")));
        wm.verify(postRequestedFor(urlPathEqualTo("/api/tasks/acknowledge/")).withRequestBody(equalToJson("{\"all\":true}")));
        Exchange run = template.request("paperless:tasks?operation=run&taskType=sanity_check", e -> {
        });
        assertThat(run.getMessage().getHeader(PaperlessConstants.TASK_ID)).isEqualTo("33333333-2222-4333-8444-555555555555");
        wm.verify(postRequestedFor(urlPathEqualTo("/api/tasks/run/")).withRequestBody(equalToJson("{\"task_type\":\"sanity_check\"}")));
    }

    @Test
    void pollFailsOnFailureUnlessToldOtherwise() {
        wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_id", equalTo(UUID))
                .willReturn(okJson(TaskFixtures.page(TaskFixtures.v10(3, UUID, "revoked", null, "[]")))));
        assertThat(template.request("paperless:tasks?operation=poll", e -> e.getMessage().setBody(UUID)).getException())
                .isInstanceOf(PaperlessTaskFailedException.class).hasMessageContaining("revoked");
        Exchange ok = template.request("paperless:tasks?operation=poll&failOnTaskFailure=false",
                e -> e.getMessage().setHeader(PaperlessConstants.TASK_ID, UUID));
        assertThat(ok.getException()).isNull();
        assertThat(ok.getMessage().getHeader(PaperlessConstants.TASK_STATUS)).isEqualTo("revoked");
        assertThat(template.request("paperless:tasks?operation=poll", e -> e.getMessage().setBody("not-a-uuid")).getException())
                .hasMessageContaining("needs a task UUID");
    }

    @Test
    void trashListRestoreEmpty() {
        wm.stubFor(get(urlPathEqualTo("/api/trash/")).willReturn(okJson(Fixtures.page(1, null, null,
                Fixtures.json("documents").replace("\"deleted_at\": null", "\"deleted_at\": \"2026-11-22T09:00:00Z\"")))));
        wm.stubFor(post(urlPathEqualTo("/api/trash/")).willReturn(okJson("{\"result\":\"OK\",\"doc_ids\":[42]}")));
        Document d = ((PagedIterable<Document>) call("paperless:trash", null)).iterator().next();
        assertThat(d.deletedAt()).isNotNull();
        assertThat(d.isDeleted()).isTrue();
        call("paperless:trash?operation=restore", List.of(42));
        call("paperless:trash?operation=empty", null, PaperlessConstants.DOCUMENT_IDS, "42");
        assertThat(template.request("paperless:trash?operation=empty", e -> {
        }).getException()).hasMessageContaining("set all=true explicitly");
        call("paperless:trash?operation=empty&all=true", null);
        wm.verify(postRequestedFor(urlPathEqualTo("/api/trash/")).withRequestBody(equalToJson("{\"action\":\"restore\",\"documents\":[42]}")));
        wm.verify(postRequestedFor(urlPathEqualTo("/api/trash/")).withRequestBody(equalToJson("{\"action\":\"empty\",\"documents\":[42]}")));
        wm.verify(1, postRequestedFor(urlPathEqualTo("/api/trash/")).withRequestBody(equalToJson("{\"action\":\"empty\"}")));
        assertThat(template.request("paperless:trash?operation=restore", e -> e.getMessage().setBody(Map.of())).getException())
                .isNotNull();
    }
}
