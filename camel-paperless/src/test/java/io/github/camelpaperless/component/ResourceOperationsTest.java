package io.github.camelpaperless.component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.camelpaperless.client.PagedIterable;
import io.github.camelpaperless.client.PaperlessException;
import io.github.camelpaperless.client.model.*;
import io.github.camelpaperless.support.Fixtures;
import io.github.camelpaperless.support.PaperlessTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The operations that exist on some resources only, and the list filters. */
@SuppressWarnings("unchecked")
class ResourceOperationsTest extends PaperlessTestSupport {

    @Test
    void singletons() {
        wm.stubFor(get(urlPathEqualTo("/api/statistics/")).willReturn(okJson(Fixtures.json("statistics"))));
        wm.stubFor(get(urlPathEqualTo("/api/status/")).willReturn(okJson(Fixtures.json("status"))));
        wm.stubFor(get(urlPathEqualTo("/api/remote_version/")).willReturn(okJson(Fixtures.json("remote_version"))));
        wm.stubFor(get(urlPathEqualTo("/api/profile/")).willReturn(okJson(Fixtures.json("profile"))));
        wm.stubFor(get(urlPathEqualTo("/api/ui_settings/")).willReturn(okJson(Fixtures.json("ui_settings"))));

        Statistics stats = (Statistics) call("paperless:statistics", null);
        assertThat(stats.documentsTotal()).isEqualTo(412);
        assertThat(stats.documentFileTypeCounts()).extracting(FileTypeCount::mimeType).contains("application/pdf");
        SystemStatus status = (SystemStatus) call("paperless:status", null);
        assertThat(status.pngxVersion()).isEqualTo("3.0.5");
        assertThat(status.database().path("status").asText()).isEqualTo("OK");
        RemoteVersion rv = (RemoteVersion) call("paperless:remote_version", null);
        assertThat(rv.updateAvailable()).isFalse();
        Profile p = (Profile) call("paperless:profile", null);
        assertThat(p.socialAccounts()).hasSize(1);
        assertThat(p.toString()).doesNotContain(p.authToken());
        UiSettings ui = (UiSettings) call("paperless:ui_settings", null);
        assertThat(ui.permissions()).contains("add_document");
        assertThat(ui.settings()).containsKey("trash_delay");
    }

    @Test
    void remoteVersionNeedsNoCredentials() {
        wm.stubFor(get(urlPathEqualTo("/api/remote_version/")).willReturn(okJson(Fixtures.json("remote_version"))));
        RemoteVersion rv = (RemoteVersion) call("paperless:remote_version?token=", null);
        assertThat(rv.version()).isEqualTo("3.0.5");
        wm.verify(getRequestedFor(urlPathEqualTo("/api/remote_version/")).withoutHeader("Authorization"));
    }

    @Test
    void profileUpdateAndGenerateToken() {
        wm.stubFor(patch(urlPathEqualTo("/api/profile/")).willReturn(okJson(Fixtures.json("profile"))));
        wm.stubFor(post(urlPathEqualTo("/api/profile/generate_auth_token/")).willReturn(okJson("\"f00dfeedf00dfeedf00dfeedf00dfeedf00dfeed\"")));
        assertThat(call("paperless:profile?operation=update", Map.of("first_name", "Alice"))).isInstanceOf(Profile.class);
        assertThat(call("paperless:profile?operation=generateToken", null)).isEqualTo("f00dfeedf00dfeedf00dfeedf00dfeedf00dfeed");
        wm.verify(patchRequestedFor(urlPathEqualTo("/api/profile/")).withRequestBody(equalToJson("{\"first_name\":\"Alice\"}")));
    }

    @Test
    void uiSettingsUpdateWrapsSettings() {
        wm.stubFor(post(urlPathEqualTo("/api/ui_settings/")).willReturn(okJson("{\"success\":true}")));
        call("paperless:ui_settings?operation=update", Map.of("dark_mode", Map.of("enabled", "true")));
        wm.verify(postRequestedFor(urlPathEqualTo("/api/ui_settings/"))
                .withRequestBody(equalToJson("{\"settings\":{\"dark_mode\":{\"enabled\":\"true\"}}}")));
    }

    @Test
    void configGetListUpdateWithoutHardCodedPk() {
        String cfg = Fixtures.json("config").replace("\"id\": 1,", "\"id\": 3,");
        wm.stubFor(get(urlPathEqualTo("/api/config/")).willReturn(okJson("[" + cfg + "]")));
        wm.stubFor(patch(urlPathEqualTo("/api/config/3/")).willReturn(okJson(cfg)));
        ApplicationConfiguration c = (ApplicationConfiguration) call("paperless:config?operation=get", null);
        assertThat(c.id()).isEqualTo(3);
        assertThat(((PagedIterable<?>) call("paperless:config", null)).stream().count()).isEqualTo(1);
        assertThat(call("paperless:config?operation=update", Map.of("app_title", "Archive"))).isInstanceOf(ApplicationConfiguration.class);
        wm.verify(patchRequestedFor(urlPathEqualTo("/api/config/3/")).withRequestBody(equalToJson("{\"app_title\":\"Archive\"}")));
    }

    @Test
    void logsListAndGetWithLimit() {
        wm.stubFor(get(urlPathEqualTo("/api/logs/")).willReturn(okJson("[\"paperless\",\"mail\",\"celery\"]")));
        wm.stubFor(get(urlPathEqualTo("/api/logs/mail/")).withQueryParam("limit", equalTo("2"))
                .willReturn(okJson("[\"[2026-11-23 10:00:01] INFO mail fetched\",\"[2026-11-23 10:00:02] INFO done\"]")));
        assertThat((List<Object>) call("paperless:logs", null)).containsExactly("paperless", "mail", "celery");
        List<?> lines = (List<?>) call("paperless:logs?operation=get&limit=2", null, PaperlessConstants.ID, "mail");
        assertThat(lines).hasSize(2);
    }

    @Test
    void globalSearchNeedsThreeCharactersBeforeAnyRequest() {
        Exchange ex = template.request("paperless:search", e -> e.getMessage().setHeader(PaperlessConstants.QUERY, "ab"));
        assertThat(ex.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 3 characters");
        wm.verify(0, anyRequestedFor(anyUrl()));

        String result = "{\"total\":2,\"documents\":[" + Fixtures.json("documents") + "],\"saved_views\":[],\"tags\":["
                        + Fixtures.json("tags") + "],\"correspondents\":[],\"document_types\":[],\"storage_paths\":[],\"users\":[],"
                        + "\"groups\":[],\"mail_rules\":[],\"mail_accounts\":[],\"workflows\":[],\"custom_fields\":[]}";
        wm.stubFor(get(urlPathEqualTo("/api/search/")).withQueryParam("query", equalTo("invoice"))
                .willReturn(okJson(result)));
        GlobalSearchResult r = (GlobalSearchResult) call("paperless:search?query=invoice", null);
        assertThat(r.total()).isEqualTo(2);
        assertThat(r.documents()).extracting(Document::title).containsExactly("Invoice 2026-118");
        assertThat(r.tags()).hasSize(1);
    }

    @Test
    void tokenCreateObtainsATokenFromUsernameAndPassword() {
        wm.stubFor(post(urlPathEqualTo("/api/token/")).willReturn(okJson("{\"token\":\"abcdef0123456789abcdef0123456789abcdef01\"}")));
        AuthToken t = (AuthToken) call("paperless:token?token=&username=alice&password=wonderland&operation=create", null);
        assertThat(t.token()).isEqualTo("abcdef0123456789abcdef0123456789abcdef01");
        assertThat(t.toString()).doesNotContain(t.token());
        wm.verify(postRequestedFor(urlPathEqualTo("/api/token/"))
                .withRequestBody(equalToJson("{\"username\":\"alice\",\"password\":\"wonderland\"}")));
    }

    @Test
    void bulkDeleteAndBulkSetPermissionsOnObjects() {
        wm.stubFor(post(urlPathEqualTo("/api/bulk_edit_objects/")).willReturn(okJson("{\"result\":\"OK\"}")));
        call("paperless:tags?operation=bulkDelete", List.of(3, 4));
        wm.verify(postRequestedFor(urlPathEqualTo("/api/bulk_edit_objects/")).withRequestBody(equalToJson(
                "{\"objects\":[3,4],\"object_type\":\"tags\",\"operation\":\"delete\"}")));

        Permissions perms = new Permissions(PermissionSet.of(List.of(2), List.of()), PermissionSet.of(List.of(), List.of(1)));
        call("paperless:correspondents?operation=bulkSetPermissions", perms, PaperlessConstants.IDS, "7,8");
        wm.verify(postRequestedFor(urlPathEqualTo("/api/bulk_edit_objects/")).withRequestBody(equalToJson(
                "{\"permissions\":{\"view\":{\"users\":[2],\"groups\":[]},\"change\":{\"users\":[],\"groups\":[1]}},"
                + "\"objects\":[7,8],\"object_type\":\"correspondents\",\"operation\":\"set_permissions\",\"merge\":false}")));

        Map<String, Object> withOwner = new LinkedHashMap<>();
        withOwner.put("set_permissions", Map.of("view", Map.of("users", List.of(5), "groups", List.of())));
        withOwner.put("owner", 5);
        withOwner.put("merge", true);
        call("paperless:storage_paths?operation=bulkSetPermissions", withOwner, PaperlessConstants.IDS, List.of(2));
        wm.verify(postRequestedFor(urlPathEqualTo("/api/bulk_edit_objects/")).withRequestBody(equalToJson(
                "{\"permissions\":{\"view\":{\"users\":[5],\"groups\":[]}},\"owner\":5,\"merge\":true,"
                + "\"objects\":[2],\"object_type\":\"storage_paths\",\"operation\":\"set_permissions\"}")));
    }

    @Test
    void bulkResultOtherThanOkIsAnError() {
        wm.stubFor(post(urlPathEqualTo("/api/bulk_edit_objects/")).willReturn(okJson("{\"result\":\"ERROR\"}")));
        Exchange ex = template.request("paperless:tags?operation=bulkDelete", e -> e.getMessage().setBody(List.of(1)));
        assertThat(ex.getException()).isInstanceOf(PaperlessException.class).hasMessageContaining("did not succeed");
    }

    @Test
    void processedMailIsReadOnlyPlusBulkDelete() {
        wm.stubFor(get(urlPathEqualTo("/api/processed_mail/21/")).willReturn(okJson(Fixtures.json("processed_mail"))));
        wm.stubFor(post(urlPathEqualTo("/api/processed_mail/bulk_delete/"))
                .willReturn(okJson("{\"result\":\"OK\",\"deleted_mail_ids\":[21]}")));
        ProcessedMail m = (ProcessedMail) call("paperless:processed_mail?operation=get", 21);
        assertThat(m.subject()).isEqualTo("Invoice 2026-118");
        Map<?, ?> r = (Map<?, ?>) call("paperless:processed_mail?operation=bulkDelete", new int[] { 21 });
        assertThat(r.get("deleted_mail_ids")).isEqualTo(List.of(21));
        wm.verify(postRequestedFor(urlPathEqualTo("/api/processed_mail/bulk_delete/")).withRequestBody(equalToJson("{\"mail_ids\":[21]}")));
        assertThat(template.request("paperless:processed_mail?operation=list",
                e -> e.getMessage().setHeader(PaperlessConstants.OPERATION, "create")).getException())
                .hasMessageContaining("not supported by paperless:processed_mail");
    }

    @Test
    void mailAccountTestAndProcess() {
        wm.stubFor(post(urlPathEqualTo("/api/mail_accounts/test/")).willReturn(okJson("{\"success\":true}")));
        wm.stubFor(post(urlPathEqualTo("/api/mail_accounts/1/process/")).willReturn(okJson("{\"result\":\"OK\"}")));
        Map<String, Object> account = Map.of("name", "x", "imap_server", "imap.example.com", "username", "u", "password", "p",
                "imap_port", 993, "imap_security", 2);
        assertThat((Map<Object, Object>) call("paperless:mail_accounts?operation=test", account)).containsEntry("success", true);
        call("paperless:mail_accounts?operation=process", 1);
        wm.verify(postRequestedFor(urlPathEqualTo("/api/mail_accounts/test/")).withRequestBody(equalToJson(
                "{\"name\":\"x\",\"imap_server\":\"imap.example.com\",\"username\":\"u\",\"password\":\"p\","
                + "\"imap_port\":993,\"imap_security\":2}")));
        wm.verify(1, postRequestedFor(urlPathEqualTo("/api/mail_accounts/1/process/")).withRequestBody(absent()));
    }

    @Test
    void storagePathTestRendersThePath() {
        wm.stubFor(post(urlPathEqualTo("/api/storage_paths/test/")).willReturn(okJson("\"2026/ACME Corp/Invoice 2026-118\"")));
        Object r = call("paperless:storage_paths?operation=test", Map.of("path", "{{ created_year }}/{{ correspondent }}/{{ title }}", "document", 42));
        assertThat(r).isEqualTo("2026/ACME Corp/Invoice 2026-118");
        wm.verify(postRequestedFor(urlPathEqualTo("/api/storage_paths/test/")).withRequestBody(equalToJson(
                "{\"path\":\"{{ created_year }}/{{ correspondent }}/{{ title }}\",\"document\":42}")));
    }

    @Test
    void shareLinkBundleRebuildAndUserDeactivateTotp() {
        wm.stubFor(post(urlPathEqualTo("/api/share_link_bundles/2/rebuild/")).willReturn(okJson(Fixtures.json("share_link_bundles"))));
        wm.stubFor(post(urlPathEqualTo("/api/users/3/deactivate_totp/")).willReturn(okJson("true")));
        ShareLinkBundle b = (ShareLinkBundle) call("paperless:share_link_bundles?operation=rebuild", 2);
        assertThat(b.status()).isEqualTo(ShareLinkBundleStatus.READY);
        assertThat(call("paperless:users?operation=deactivateTotp", 3)).isEqualTo(true);
        wm.verify(1, postRequestedFor(urlPathEqualTo("/api/share_link_bundles/2/rebuild/")).withRequestBody(absent()));
        wm.verify(1, postRequestedFor(urlPathEqualTo("/api/users/3/deactivate_totp/")).withRequestBody(absent()));
    }

    @Test
    void shareLinksCreateGetDelete() {
        wm.stubFor(post(urlPathEqualTo("/api/share_links/")).willReturn(jsonResponse(Fixtures.json("share_links"), 201)));
        wm.stubFor(delete(urlPathEqualTo("/api/share_links/11/")).willReturn(noContent()));
        Exchange ex = template.request("paperless:share_links?operation=create",
                e -> e.getMessage().setBody(Map.of("document", 42, "file_version", "archive", "expiration", "2026-12-01T09:30:00Z")));
        ShareLink link = (ShareLink) ex.getMessage().getBody();
        assertThat(link.fileVersion()).isEqualTo(FileVersion.ARCHIVE);
        assertThat(ex.getMessage().getHeader(PaperlessConstants.ID)).isEqualTo(11);
        call("paperless:share_links?operation=delete", 11);
        wm.verify(postRequestedFor(urlPathEqualTo("/api/share_links/")).withRequestBody(equalToJson(
                "{\"document\":42,\"file_version\":\"archive\",\"expiration\":\"2026-12-01T09:30:00Z\"}")));
        wm.verify(deleteRequestedFor(urlPathEqualTo("/api/share_links/11/")));
    }

    @Test
    void filtersFromOptionsAndHeaderOrderingFieldsFullPerms() {
        wm.stubFor(get(urlPathEqualTo("/api/tags/")).willReturn(okJson(Fixtures.page(1, null, null, Fixtures.json("tags")))));
        template.request("paperless:tags?operation=page&filter.name__icontains=in&filter.id__in=1,9&ordering=-name&fullPerms=true&pageSize=10",
                e -> e.getMessage().setHeader(PaperlessConstants.FILTERS, Map.of("is_root", true, "id__in", List.of(1, 2, 9))));
        wm.verify(getRequestedFor(urlPathEqualTo("/api/tags/"))
                .withQueryParam("name__icontains", equalTo("in"))
                .withQueryParam("id__in", equalTo("1,2,9"))
                .withQueryParam("is_root", equalTo("true"))
                .withQueryParam("ordering", equalTo("-name"))
                .withQueryParam("full_perms", equalTo("true"))
                .withQueryParam("page_size", equalTo("10")));
    }

    @Test
    void pageHeaderSelectsThePageAndMaxResultsStopsList() {
        String t = Fixtures.json("tags");
        wm.stubFor(get(urlPathEqualTo("/api/tags/")).withQueryParam("page", equalTo("2"))
                .willReturn(okJson(Fixtures.page(3, null, wm.baseUrl() + "/api/tags/?page_size=2", t))));
        wm.stubFor(get(urlPathEqualTo("/api/tags/")).withQueryParam("page", absent())
                .willReturn(okJson(Fixtures.page(3, wm.baseUrl() + "/api/tags/?page=2&page_size=2", null, t, t))));
        Exchange ex = template.request("paperless:tags?operation=page&pageSize=2", e -> e.getMessage().setHeader(PaperlessConstants.PAGE, 2));
        assertThat((List<?>) ex.getMessage().getBody()).hasSize(1);
        assertThat(ex.getMessage().getHeader(PaperlessConstants.COUNT)).isEqualTo(3L);
        assertThat(ex.getMessage().getHeader(PaperlessConstants.HAS_NEXT)).isEqualTo(false);
        PagedIterable<?> limited = (PagedIterable<?>) call("paperless:tags?pageSize=2&maxResults=2", null);
        assertThat(limited.stream().count()).isEqualTo(2);
    }

    @Test
    void listSplitsStreamingAcrossPages() throws Exception {
        String t = Fixtures.json("tags");
        wm.stubFor(get(urlPathEqualTo("/api/tags/")).withQueryParam("page", absent())
                .willReturn(okJson(Fixtures.page(3, wm.baseUrl() + "/api/tags/?page=2&page_size=1", null, t))));
        wm.stubFor(get(urlPathEqualTo("/api/tags/")).withQueryParam("page", equalTo("2"))
                .willReturn(okJson(Fixtures.page(3, wm.baseUrl() + "/api/tags/?page=3&page_size=1", null, t))));
        wm.stubFor(get(urlPathEqualTo("/api/tags/")).withQueryParam("page", equalTo("3"))
                .willReturn(okJson(Fixtures.page(3, null, null, t))));
        context.addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("direct:walk").to("paperless:tags?pageSize=1").split(body()).streaming().to("mock:tag");
            }
        });
        getMockEndpoint("mock:tag").expectedMessageCount(3);
        template.sendBody("direct:walk", null);
        getMockEndpoint("mock:tag").assertIsSatisfied();
        assertThat(getMockEndpoint("mock:tag").getExchanges().get(2).getMessage().getBody()).isInstanceOf(Tag.class);
    }

    @Test
    void nullValuesInAMapBodyAreSentToClearAField() {
        wm.stubFor(patch(urlPathEqualTo("/api/correspondents/7/")).willReturn(okJson(Fixtures.json("correspondents"))));
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("owner", null);
        call("paperless:correspondents?operation=update&id=7", body);
        wm.verify(patchRequestedFor(urlPathEqualTo("/api/correspondents/7/")).withRequestBody(equalToJson("{\"owner\":null}")));
    }

    @Test
    void writeBodiesOfTheWrongTypeFailEarly() {
        Exchange ex = template.request("paperless:tags?operation=create", e -> e.getMessage().setBody(new java.io.File("x.pdf")));
        assertThat(ex.getException()).hasMessageContaining("use a Map, a model object or a JSON String");
        Exchange ex2 = template.request("paperless:tags?operation=create", e -> e.getMessage().setBody("{not json"));
        assertThat(ex2.getException()).hasMessageContaining("not valid JSON");
        wm.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void createFromAModelSendsOnlyTheSetFields() {
        wm.stubFor(post(urlPathEqualTo("/api/tags/")).willReturn(jsonResponse(Fixtures.json("tags"), 201)));
        Tag t = new Tag(null, null, "Inbox", "#a6cee3", null, null, MatchingAlgorithm.NONE, null, true, null, null, null, null,
                null, null, null);
        call("paperless:tags?operation=create", t);
        wm.verify(postRequestedFor(urlPathEqualTo("/api/tags/")).withRequestBody(equalToJson(
                "{\"name\":\"Inbox\",\"color\":\"#a6cee3\",\"matching_algorithm\":0,\"is_inbox_tag\":true}")));
    }
}
