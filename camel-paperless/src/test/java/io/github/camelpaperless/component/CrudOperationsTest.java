package io.github.camelpaperless.component;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.camelpaperless.client.PagedIterable;
import io.github.camelpaperless.support.Fixtures;
import io.github.camelpaperless.support.PaperlessTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/** get, list, page, create, update, replace and delete on every CRUD resource, over real HTTP. */
class CrudOperationsTest extends PaperlessTestSupport {

    static Stream<Arguments> resources() {
        return Stream.of(
                Arguments.of("correspondents", 7, "{\"name\":\"ACME Corp\",\"match\":\"acme\",\"matching_algorithm\":1}"),
                Arguments.of("document_types", 4, "{\"name\":\"Invoice\"}"),
                Arguments.of("tags", 1, "{\"name\":\"Inbox\",\"color\":\"#a6cee3\",\"is_inbox_tag\":true}"),
                Arguments.of("storage_paths", 2, "{\"name\":\"By year\",\"path\":\"{{ created_year }}/{{ title }}\"}"),
                Arguments.of("custom_fields", 5, "{\"name\":\"Status\",\"data_type\":\"select\",\"extra_data\":{\"select_options\":[{\"label\":\"Open\"}]}}"),
                Arguments.of("saved_views", 3, "{\"name\":\"Inbox\",\"filter_rules\":[{\"rule_type\":6,\"value\":\"1\"}],\"sort_field\":\"created\",\"sort_reverse\":true}"),
                Arguments.of("share_link_bundles", 2, "{\"document_ids\":[42,43],\"file_version\":\"original\",\"expiration_days\":7}"),
                Arguments.of("users", 3, "{\"username\":\"alice\",\"email\":\"alice@example.com\"}"),
                Arguments.of("groups", 1, "{\"name\":\"Accounting\",\"permissions\":[\"view_document\"]}"),
                Arguments.of("mail_accounts", 1, "{\"name\":\"Invoices mailbox\",\"imap_server\":\"imap.example.com\",\"username\":\"invoices@example.com\",\"password\":\"pw\"}"),
                Arguments.of("mail_rules", 4, "{\"name\":\"Invoices\",\"account\":1,\"folder\":\"INBOX\"}"),
                Arguments.of("workflows", 2, "{\"name\":\"Tag invoices\",\"triggers\":[{\"type\":1,\"sources\":[1,2],\"filter_filename\":\"*.pdf\"}],\"actions\":[{\"type\":1,\"assign_tags\":[1]}]}"),
                Arguments.of("workflow_triggers", 6, "{\"type\":1,\"sources\":[1],\"filter_filename\":\"*.pdf\"}"),
                Arguments.of("workflow_actions", 8, "{\"type\":1,\"assign_tags\":[1]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resources")
    void crudRoundTrip(String resource, int id, String writeBody) throws Exception {
        PaperlessResource r = PaperlessResource.of(resource);
        String one = Fixtures.json(resource);
        String base = "/api/" + resource + "/";
        wm.stubFor(get(urlPathEqualTo(base + id + "/")).willReturn(okJson(one).withHeader("X-Version", "3.0.5")));
        wm.stubFor(get(urlPathEqualTo(base)).willReturn(okJson(Fixtures.page(1, null, null, one))));
        wm.stubFor(post(urlPathEqualTo(base)).willReturn(jsonResponse(one, 201)));
        wm.stubFor(patch(urlPathEqualTo(base + id + "/")).willReturn(okJson(one)));
        wm.stubFor(put(urlPathEqualTo(base + id + "/")).willReturn(okJson(one)));
        wm.stubFor(delete(urlPathEqualTo(base + id + "/")).willReturn(noContent()));

        // get: id from the header, typed model back, version headers set
        Exchange ex = template.request("paperless:" + resource + "?operation=get",
                e -> e.getMessage().setHeader(PaperlessConstants.ID, id));
        assertThat(ex.getException()).isNull();
        Object got = ex.getMessage().getBody();
        assertThat(got).isInstanceOf(r.model());
        assertThat(got.getClass().getMethod("id").invoke(got)).isEqualTo(id);
        assertThat(ex.getMessage().getHeader(PaperlessConstants.API_VERSION)).isEqualTo(10);
        assertThat(ex.getMessage().getHeader(PaperlessConstants.SERVER_VERSION)).isEqualTo("3.0.5");

        // get with the id as an Integer body
        assertThat(call("paperless:" + resource + "?operation=get", id)).isInstanceOf(r.model());

        // list: a lazy iterable of models
        Object list = call("paperless:" + resource, null);
        assertThat(list).isInstanceOf(PagedIterable.class);
        assertThat(((PagedIterable<?>) list).readsAhead()).as("a route's list reads the next page while it works").isTrue();
        assertThat(io.github.camelpaperless.client.PaperlessJson.mapper().valueToTree(list).isArray())
                .as("a listing written as JSON is the array of its items").isTrue();
        List<?> items = ((PagedIterable<?>) list).stream().toList();
        assertThat(items).hasSize(1).first().isInstanceOf(r.model());

        // page: items and paging headers
        Exchange pageEx = template.request("paperless:" + resource + "?operation=page", e -> {
        });
        assertThat((List<?>) pageEx.getMessage().getBody()).hasSize(1);
        assertThat(pageEx.getMessage().getHeader(PaperlessConstants.COUNT)).isEqualTo(1L);
        assertThat(pageEx.getMessage().getHeader(PaperlessConstants.HAS_NEXT)).isEqualTo(false);

        // create from a JSON string, update from a Map, replace, delete
        Object created = call("paperless:" + resource + "?operation=create", writeBody);
        assertThat(created).isInstanceOf(r.model());
        Map<String, Object> full = new com.fasterxml.jackson.databind.ObjectMapper().readValue(writeBody, Map.class);
        Map.Entry<String, Object> first = full.entrySet().iterator().next();
        Map<String, Object> patchBody = Map.of(first.getKey(), first.getValue());
        assertThat(call("paperless:" + resource + "?operation=update&id=" + id, patchBody)).isInstanceOf(r.model());
        assertThat(call("paperless:" + resource + "?operation=replace", writeBody, PaperlessConstants.ID, id))
                .isInstanceOf(r.model());
        assertThat(call("paperless:" + resource + "?operation=delete", id)).isEqualTo(true);

        wm.verify(postRequestedFor(urlPathEqualTo(base)).withRequestBody(equalToJson(writeBody))
                .withHeader("Content-Type", containing("application/json")));
        wm.verify(patchRequestedFor(urlPathEqualTo(base + id + "/")).withRequestBody(equalToJson(
                new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(patchBody))));
        wm.verify(putRequestedFor(urlPathEqualTo(base + id + "/")).withRequestBody(equalToJson(writeBody)));
        wm.verify(deleteRequestedFor(urlPathEqualTo(base + id + "/")));
        wm.verify(getRequestedFor(urlPathEqualTo(base))
                .withQueryParam("page_size", equalTo("100"))
                .withHeader("Authorization", equalTo("Token " + TOKEN))
                .withHeader("Accept", equalTo("application/json; version=10")));
    }
}
