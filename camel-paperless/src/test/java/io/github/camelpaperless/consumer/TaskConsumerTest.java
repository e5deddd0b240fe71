package io.github.camelpaperless.consumer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelpaperless.client.model.Task;
import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.support.PaperlessTestSupport;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static io.github.camelpaperless.support.FakeStore.addTask;
import static org.assertj.core.api.Assertions.assertThat;

/** from("paperless:tasks") on API 10 (paginated) and API 9 (plain list, uppercase statuses). */
class TaskConsumerTest extends PaperlessTestSupport {

    final List<String> seen = new CopyOnWriteArrayList<>();
    final List<String> statuses = new CopyOnWriteArrayList<>();
    final AtomicInteger failFirst = new AtomicInteger();

    @BeforeEach
    void store() {
        useFakeStore();
        context.getRegistry().bind("state", new MemoryStateRepository());
        wm.stubFor(post(urlPathEqualTo("/api/tasks/acknowledge/")).willReturn(okJson("{\"result\":1}")));
    }

    private PaperlessTaskConsumer route(String options) throws Exception {
        String id = "t" + System.nanoTime();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("paperless:tasks?startScheduler=false&stateRepository=#state" + options).routeId(id).process(e -> {
                    Task t = e.getMessage().getBody(Task.class);
                    if (failFirst.getAndDecrement() > 0) {
                        throw new IllegalStateException("notification service down");
                    }
                    seen.add(e.getMessage().getHeader(PaperlessConstants.TASK_ID, String.class));
                    statuses.add(e.getMessage().getHeader(PaperlessConstants.TASK_STATUS, String.class) + ":"
                                 + e.getMessage().getHeader(PaperlessConstants.ID) + ":" + t.taskType());
                });
            }
        });
        return (PaperlessTaskConsumer) context.getRoute(id).getConsumer();
    }

    @ParameterizedTest(name = "API {0}")
    @ValueSource(ints = { 10, 9 })
    void emitsEachTerminalTaskOnceAndAcknowledgesOnlyOnSuccess(int version) throws Exception {
        addTask(1, "00000000-0000-4000-8000-000000000001", "success", "2026-11-20T10:00:00Z", 41);
        PaperlessTaskConsumer c = route("&apiVersion=" + version + "&acknowledge=true");
        assertThat(c.poll()).isZero(); // startFrom=now: the old task is not emitted

        addTask(2, "00000000-0000-4000-8000-000000000002", "started", null, null);
        addTask(3, "00000000-0000-4000-8000-000000000003", "failure", "2026-11-20T10:02:00Z", 41);
        addTask(4, "00000000-0000-4000-8000-000000000004", "success", "2026-11-20T10:01:00Z", 42);
        failFirst.set(1); // the first exchange (task 4, finished first) fails once
        c.poll();
        assertThat(seen).isEmpty();
        wm.verify(0, postRequestedFor(urlPathEqualTo("/api/tasks/acknowledge/")));
        c.poll();
        assertThat(seen).containsExactly("00000000-0000-4000-8000-000000000004", "00000000-0000-4000-8000-000000000003");
        assertThat(statuses).containsExactly("success:42:consume_file", "failure:41:consume_file");
        wm.verify(postRequestedFor(urlPathEqualTo("/api/tasks/acknowledge/")).withRequestBody(equalToJson("{\"tasks\":[4]}")));
        wm.verify(postRequestedFor(urlPathEqualTo("/api/tasks/acknowledge/")).withRequestBody(equalToJson("{\"tasks\":[3]}")));

        // the running task finishes later: emitted once, then nothing
        io.github.camelpaperless.support.FakeStore.TASKS.stream().filter(t -> t.path("id").asInt() == 2).forEach(t -> {
            t.put("status", "success");
            t.put("date_done", "2026-11-20T10:03:00Z");
        });
        c.poll();
        c.poll();
        assertThat(seen).hasSize(3).endsWith("00000000-0000-4000-8000-000000000002");
        if (version == 9) {
            wm.verify(getRequestedFor(urlPathEqualTo("/api/tasks/")).withHeader("Accept", equalTo("application/json; version=9"))
                    .withQueryParam("page_size", absent()));
        } else {
            wm.verify(getRequestedFor(urlPathEqualTo("/api/tasks/")).withQueryParam("is_complete", equalTo("true"))
                    .withQueryParam("ordering", equalTo("-date_done")));
        }
    }

    @ParameterizedTest(name = "API {0}")
    @ValueSource(ints = { 10, 9 })
    void filtersByStatus(int version) throws Exception {
        addTask(1, "00000000-0000-4000-8000-000000000001", "success", "2026-11-20T10:00:00Z", 41);
        addTask(2, "00000000-0000-4000-8000-000000000002", "failure", "2026-11-20T10:01:00Z", 41);
        PaperlessTaskConsumer c = route("&apiVersion=" + version + "&startFrom=beginning&status=failure");
        c.poll();
        assertThat(seen).containsExactly("00000000-0000-4000-8000-000000000002");
        if (version == 10) {
            wm.verify(getRequestedFor(urlPathEqualTo("/api/tasks/")).withQueryParam("status", equalTo("failure")));
        }
    }

    @org.junit.jupiter.api.Test
    void anIdleApi10PollIsOneRequestForAFewTasksAndABacklogIsReadInFullPages() throws Exception {
        for (int i = 1; i <= 40; i++) {
            addTask(i, String.format("00000000-0000-4000-8000-%012d", i), "success",
                    java.time.OffsetDateTime.parse("2026-11-20T10:00:00Z").plusSeconds(i).toString(), 100 + i);
        }
        PaperlessTaskConsumer c = route("&apiVersion=10&startFrom=now&lookback=0");
        assertThat(c.poll()).isZero();
        int before = wm.getAllServeEvents().size();
        assertThat(c.poll()).isZero();
        List<String> idle = new java.util.ArrayList<>();
        wm.getAllServeEvents().subList(0, wm.getAllServeEvents().size() - before).forEach(e -> idle.add(e.getRequest().getUrl()));
        assertThat(idle).hasSize(1);
        assertThat(idle.get(0)).startsWith("/api/tasks/").contains("page_size=" + PaperlessTaskConsumer.HEAD);
        // 12 finished since: more than the small page holds, so the listing goes on with full pages; all 12 emitted
        for (int i = 41; i <= 52; i++) {
            addTask(i, String.format("00000000-0000-4000-8000-%012d", i), "success",
                    java.time.OffsetDateTime.parse("2026-11-20T11:00:00Z").plusSeconds(i).toString(), 100 + i);
        }
        assertThat(c.poll()).isEqualTo(12);
        assertThat(c.poll()).isZero();
    }
}
