package io.github.camelpaperless.endpointdsl;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelpaperless.client.model.Tag;
import io.github.camelpaperless.component.PaperlessComponent;
import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.component.PaperlessEndpoint;
import io.github.camelpaperless.componentdsl.PaperlessComponentBuilderFactory;
import io.github.camelpaperless.endpointdsl.PaperlessEndpointBuilderFactory.PaperlessBuilders;
import io.github.camelpaperless.endpointdsl.builders.StaticEndpointBuilders;
import io.github.camelpaperless.support.PaperlessTestSupport;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routes written with the generated Endpoint DSL (and a component set up with the component DSL) run against WireMock,
 * and the generated builders cover every option and header of the component's metadata (they are regenerated from it
 * by every build; this fails when they drift).
 */
class EndpointDslTest extends PaperlessTestSupport {

    /** A route class mixing the Paperless builders into Camel's EndpointRouteBuilder. */
    abstract static class PaperlessRoutes extends EndpointRouteBuilder implements PaperlessBuilders {
    }

    @Test
    void aProducerRouteWrittenWithTheDsl() throws Exception {
        wm.stubFor(get("/api/tags/5/").willReturn(okJson("{\"id\":5,\"name\":\"Inbox\",\"slug\":\"inbox\",\"is_inbox_tag\":true}")));
        context.addRoutes(new PaperlessRoutes() {
            @Override
            public void configure() {
                from(direct("tag"))
                        .setHeader(paperless().paperlessId(), constant(5))
                        .to(paperless("tags").operation("get"))
                        .to(mock("out"));
            }
        });
        MockEndpoint out = getMockEndpoint("mock:out");
        out.expectedMessageCount(1);
        template.sendBody("direct:tag", null);
        out.assertIsSatisfied();
        Tag tag = out.getExchanges().get(0).getMessage().getBody(Tag.class);
        assertThat(tag.name()).isEqualTo("Inbox");
        wm.verify(getRequestedFor(urlPathEqualTo("/api/tags/5/")).withHeader("Authorization", equalTo("Token " + TOKEN)));
    }

    @Test
    void typedOptionsBecomeTheEndpointsOptions() throws Exception {
        wm.stubFor(post("/api/documents/post_document/").willReturn(okJson("\"0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9\"")));
        wm.stubFor(get(urlPathEqualTo("/api/documents/")).willReturn(okJson(
                "{\"count\":0,\"next\":null,\"previous\":null,\"results\":[]}")));
        context.addRoutes(new PaperlessRoutes() {
            @Override
            public void configure() {
                from(direct("upload"))
                        .to(paperless("documents").operation("upload").title("From the DSL").archiveSerialNumber(4711L)
                                .waitForCompletion(false).duplicates("skip"));
            }
        });
        Object task = template.requestBody("direct:upload", "content uploaded through the Endpoint DSL");
        assertThat(task).isEqualTo("0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9");
        String body = wm.findAll(postRequestedFor(urlPathEqualTo("/api/documents/post_document/"))).get(0).getBodyAsString();
        assertThat(body).contains("From the DSL").contains("4711");
        // duplicates=skip looked for the checksum first
        wm.verify(getRequestedFor(urlPathEqualTo("/api/documents/")).withQueryParam("checksum__iexact", matching("[0-9a-f]{64}")));
    }

    @Test
    void theStaticBuildersAndMultiValueOptionsMakeTheSameUri() {
        String uri = StaticEndpointBuilders.paperless("documents").operation("list").filters("tags__id__all", "1,2")
                .ordering("-created").pageSize(50).getRawUri();
        assertThat(uri).startsWith("paperless://documents?")
                .contains("operation=list").contains("filter.tags__id__all=1,2").contains("ordering=-created")
                .contains("pageSize=50");
        PaperlessEndpoint list = (PaperlessEndpoint) StaticEndpointBuilders.paperless("documents").operation("list")
                .filters("tags__id__all", "1,2").resolve(context);
        assertThat(list.getConfiguration().getFilters()).containsEntry("tags__id__all", "1,2");
        // secrets are marked RAW so they survive URI parsing unchanged
        String secret = StaticEndpointBuilders.paperless("tags").token("a+b&c").getRawUri();
        assertThat(secret).contains("token=RAW(a+b&c)");
        PaperlessEndpoint endpoint = (PaperlessEndpoint) StaticEndpointBuilders.paperless("tags").token("a+b&c").resolve(context);
        assertThat(endpoint.getConfiguration().getToken()).isEqualTo("a+b&c");
        // as with string URIs, Camel shows endpoint URIs sanitized (logs, JMX, dev console)
        assertThat(endpoint.toString()).doesNotContain("a+b&c");
        assertThat(URISupport.sanitizeUri(endpoint.getEndpointUri())).doesNotContain("a+b&c").contains("token=xxxxxx");
    }

    /** The component DSL configures and registers a component under a name of one's choice. */
    @Test
    void aComponentConfiguredWithTheComponentDsl() throws Exception {
        wm.stubFor(get("/api/tags/7/").willReturn(okJson("{\"id\":7,\"name\":\"Tax\",\"slug\":\"tax\"}")));
        PaperlessComponentBuilderFactory.paperless().baseUrl(wm.baseUrl()).token("other-token").pageSize(10)
                .register(context, "archive");
        Tag tag = template.requestBodyAndHeader("archive:tags?operation=get", null, PaperlessConstants.ID, 7, Tag.class);
        assertThat(tag.name()).isEqualTo("Tax");
        wm.verify(getRequestedFor(urlPathEqualTo("/api/tags/7/")).withHeader("Authorization", equalTo("Token other-token")));
        assertThat(context.getComponent("archive", PaperlessComponent.class).getConfiguration().getPageSize()).isEqualTo(10);
    }

    /** Every endpoint option of the metadata has a builder method; every header has a header-name method. */
    @Test
    void theBuildersCoverTheMetadata() throws Exception {
        JsonNode meta;
        try (InputStream in = PaperlessComponent.class.getResourceAsStream(
                "/META-INF/io/github/camelpaperless/component/paperless.json")) {
            meta = new ObjectMapper().readTree(in);
        }
        Set<String> methods = new HashSet<>();
        for (Class<?> c : PaperlessEndpointBuilderFactory.class.getDeclaredClasses()) {
            for (Method m : c.getMethods()) {
                methods.add(m.getName());
            }
        }
        List<String> missing = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = meta.path("properties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> option = it.next();
            if (option.getValue().path("kind").asText().equals("parameter") && !methods.contains(option.getKey())) {
                missing.add(option.getKey());
            }
        }
        assertThat(missing).as("endpoint options without a builder method").isEmpty();

        Set<String> headerMethods = new HashSet<>();
        for (Method m : PaperlessEndpointBuilderFactory.PaperlessHeaderNameBuilder.class.getDeclaredMethods()) {
            if (m.getReturnType() == String.class && m.getParameterCount() == 0) {
                headerMethods.add((String) m.invoke(PaperlessEndpointBuilderFactory.PaperlessHeaderNameBuilder.INSTANCE));
            }
        }
        List<String> headers = new ArrayList<>();
        meta.path("headers").fieldNames().forEachRemaining(headers::add);
        assertThat(headers).isNotEmpty().contains(PaperlessConstants.OPERATION, PaperlessConstants.SELECTION_DATA);
        assertThat(headerMethods).as("header name builders").containsAll(headers);
    }
}
