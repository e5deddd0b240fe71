package io.github.camelpaperless.component;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.github.camelpaperless.client.model.Document;
import io.github.camelpaperless.client.model.Tag;
import io.github.camelpaperless.client.model.Task;
import io.github.camelpaperless.support.Fixtures;
import io.github.camelpaperless.support.PaperlessTestSupport;
import io.github.camelpaperless.support.TaskFixtures;
import org.apache.camel.TypeConversionException;
import org.apache.camel.TypeConverter;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The type converters of PaperlessConverters, used the way routes use them. */
class ConvertersTest extends PaperlessTestSupport {

    static final String UUID = "4c4c4c4c-2d2d-4e4e-8f8f-1a1a1a1a1a1a";

    @Test
    void anObjectInTheIdHeaderNamesItself() throws Exception {
        // a tag found by one id whose body names another (e.g. a lookup by name): the body's id wins
        String tagJson = Fixtures.json("tags").replace("\"id\": 1,", "\"id\": 77,");
        wm.stubFor(get("/api/tags/5/").willReturn(okJson(tagJson)));
        wm.stubFor(delete("/api/tags/77/").willReturn(aResponse().withStatus(204)));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:deleteTag")
                        .to("paperless:tags?operation=get")
                        .setHeader(PaperlessConstants.ID, body())
                        .to("paperless:tags?operation=delete");
            }
        });
        Tag tag = context.getTypeConverter().convertTo(Tag.class, tagJson);
        assertThat(tag.id()).isEqualTo(77);
        template.requestBodyAndHeader("direct:deleteTag", null, PaperlessConstants.ID, 5);
        wm.verify(deleteRequestedFor(urlPathEqualTo("/api/tags/77/")));
        assertThat(context.getTypeConverter().convertTo(Integer.class, tag)).isEqualTo(77);
    }

    @Test
    void aTaskBodyPollsItself() {
        String done = TaskFixtures.v10(9, UUID, "success", "{\"document_id\":42}", "[42]");
        wm.stubFor(get(urlPathEqualTo("/api/tasks/")).willReturn(okJson(TaskFixtures.page(done))));
        Task task = context.getTypeConverter().convertTo(Task.class, done);
        assertThat(context.getTypeConverter().convertTo(String.class, task)).isEqualTo(UUID);
        Task polled = template.requestBody("paperless:tasks?operation=poll", task, Task.class);
        assertThat(polled.documentId()).isEqualTo(42);
        wm.verify(getRequestedFor(urlPathEqualTo("/api/tasks/")).withQueryParam("task_id", equalTo(UUID)));
    }

    @Test
    void modelsToAndFromMapsAndJson() {
        TypeConverter tc = context.getTypeConverter();
        Document doc = tc.convertTo(Document.class, Fixtures.json("documents").getBytes(StandardCharsets.UTF_8));
        assertThat(doc.id()).isEqualTo(42);
        assertThat(doc.title()).isEqualTo("Invoice 2026-118");

        @SuppressWarnings("unchecked")
        Map<String, Object> map = tc.convertTo(Map.class, doc);
        assertThat(map).containsEntry("id", 42).containsKey("document_type").doesNotContainKey("documentType");

        Document back = tc.convertTo(Document.class, map);
        assertThat(back.id()).isEqualTo(42);
        assertThat(back.created()).isEqualTo(doc.created());

        Tag fromStream = tc.convertTo(Tag.class, new ByteArrayInputStream(Fixtures.json("tags").getBytes(StandardCharsets.UTF_8)));
        assertThat(fromStream.name()).isNotBlank();

        assertThatThrownBy(() -> tc.mandatoryConvertTo(Tag.class, "{not json"))
                .isInstanceOf(TypeConversionException.class);
        // not ours: left to other converters
        assertThat(tc.tryConvertTo(java.time.LocalDate.class, "{\"id\":1}")).isNull();
    }
}
