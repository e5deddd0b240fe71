package io.github.camelpaperless.support;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.*;

/** Server answers for an upload followed by its wait, shared by the tests that observe them (meters, spans). */
public final class UploadStubs {

    private UploadStubs() {
    }

    /**
     * An upload answered with task {@code uuid}; the task started on the first poll, done with document 42 on the
     * second; the document read refused once (503) and served on the retry.
     */
    public static void uploadTaskAndRetriedRead(WireMockExtension wm, String uuid) {
        wm.stubFor(post(urlPathEqualTo("/api/documents/post_document/")).willReturn(okJson("\"" + uuid + "\"")));
        wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_id", equalTo(uuid)).inScenario("t")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(TaskFixtures.page(TaskFixtures.v10(17, uuid, "started", null, null))))
                .willSetStateTo("done"));
        wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_id", equalTo(uuid)).inScenario("t")
                .whenScenarioStateIs("done")
                .willReturn(okJson(TaskFixtures.page(TaskFixtures.v10(17, uuid, "success", "{\"document_id\":42}", "[42]")))));
        wm.stubFor(get(urlPathEqualTo("/api/documents/42/")).inScenario("d").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(jsonResponse("{\"detail\":\"busy\"}", 503)).willSetStateTo("ok"));
        wm.stubFor(get(urlPathEqualTo("/api/documents/42/")).inScenario("d").whenScenarioStateIs("ok")
                .willReturn(okJson(Fixtures.json("documents"))));
    }
}
