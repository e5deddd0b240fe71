package io.github.camelpaperless.component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.camelpaperless.client.PaperlessClient;
import io.github.camelpaperless.support.Fixtures;
import io.github.camelpaperless.support.PaperlessTestSupport;
import org.apache.camel.console.DevConsole;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/** One client per server: endpoints share its connection pool, name cache and version probe. */
class SharedClientTest extends PaperlessTestSupport {

    @Test
    void twentyEndpointsToOneServerUseOneClientOnePoolAndOneVersionProbe() throws Exception {
        wm.stubFor(get(urlPathMatching("/api/[a-z_]+/")).atPriority(20).willReturn(okJson(Fixtures.page(0, null, null))
                .withHeader("X-Version", "3.0.5").withHeader("X-Api-Version", "10")));
        String[] resources = { "tags", "correspondents", "document_types", "storage_paths", "custom_fields", "saved_views",
                               "share_links", "users", "groups", "mail_accounts", "mail_rules", "processed_mail",
                               "workflows", "workflow_triggers", "workflow_actions", "documents", "tasks", "trash" };
        List<PaperlessEndpoint> endpoints = new ArrayList<>();
        for (String r : resources) {
            endpoints.add(context.getEndpoint("paperless:" + r + "?operation=page", PaperlessEndpoint.class));
        }
        endpoints.add(context.getEndpoint("paperless:tags?operation=list&pageSize=100", PaperlessEndpoint.class));
        endpoints.add(context.getEndpoint("paperless:correspondents?operation=page&ordering=name", PaperlessEndpoint.class));
        assertThat(endpoints).hasSize(20);
        PaperlessClient shared = endpoints.get(0).getClient();
        assertThat(endpoints).allMatch(e -> {
            try {
                return e.getClient() == shared;
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        PaperlessComponent component = context.getComponent("paperless", PaperlessComponent.class);
        assertThat(component.clientCount()).isEqualTo(1);

        for (PaperlessEndpoint e : endpoints) {
            template.request(e, x -> {
            });
        }
        // one version negotiation for all of them: the first request learnt it, nobody probed again
        wm.verify(0, getRequestedFor(urlPathEqualTo("/api/ui_settings/")));
        assertThat(shared.apiVersion()).isEqualTo(10);
        assertThat(shared.poolStats().getMax()).isEqualTo(50);
        assertThat(shared.poolStats().getLeased()).isZero();

        // other credentials or connection settings: another client
        PaperlessEndpoint other = context.getEndpoint("paperless:tags?operation=page&token=other-SECRET", PaperlessEndpoint.class);
        PaperlessEndpoint slow = context.getEndpoint("paperless:tags?operation=page&responseTimeout=1000", PaperlessEndpoint.class);
        assertThat(other.getClient()).isNotSameAs(shared);
        assertThat(slow.getClient()).isNotSameAs(shared).isNotSameAs(other.getClient());
        assertThat(component.clientCount()).isEqualTo(3);

        // the component closes its clients when it stops
        context.stop();
        assertThat(shared.isClosed()).isTrue();
        assertThat(component.clientCount()).isZero();
    }

    @Test
    void anInjectedOrAutowiredClientIsUsedAndNotClosed() throws Exception {
        PaperlessClient mine = new PaperlessClient(io.github.camelpaperless.client.PaperlessClientConfig.builder(wm.baseUrl())
                .token(TOKEN).build());
        context.getRegistry().bind("myClient", mine);
        PaperlessEndpoint e = context.getEndpoint("paperless:tags?client=#myClient", PaperlessEndpoint.class);
        assertThat(e.getClient()).isSameAs(mine);
        context.stop();
        assertThat(mine.isClosed()).isFalse();
        mine.close();
    }

    @Test
    void theDevConsoleReportsButDoesNotCreateClients() throws Exception {
        // a context that has not started: its endpoints never started either
        try (org.apache.camel.impl.DefaultCamelContext ctx = new org.apache.camel.impl.DefaultCamelContext()) {
            PaperlessComponent component = new PaperlessComponent();
            component.getConfiguration().setBaseUrl(wm.baseUrl());
            component.getConfiguration().setToken("never-used-SECRET");
            ctx.addComponent("paperless", component);
            ctx.getEndpoint("paperless:tags");
            PaperlessDevConsole console = new PaperlessDevConsole();
            console.setCamelContext(ctx);
            String text = (String) console.call(DevConsole.MediaType.TEXT, Map.of());
            assertThat(component.clientCount()).isZero();
            assertThat(text).contains("resource=tags").contains("client=none yet (not used)").doesNotContain("never-used");
        }
    }

    /**
     * The component's own client (e.g. published as a Spring bean) autowired back into the component: endpoints with
     * the component's settings use it, an endpoint with settings of its own gets its own client, not that one.
     */
    @Test
    void theComponentsSharedClientAutowiredBackServesOnlyEndpointsWithItsSettings() throws Exception {
        PaperlessComponent component = context.getComponent("paperless", PaperlessComponent.class);
        PaperlessClient shared = component.getSharedClient();
        assertThat(component.getSharedClient()).isSameAs(shared);
        context.getRegistry().bind("paperlessClient", shared);
        component.getConfiguration().setClient(shared); // what autowiring does with a single bean of the type
        PaperlessEndpoint same = context.getEndpoint("paperless:tags?operation=page", PaperlessEndpoint.class);
        PaperlessEndpoint otherServer = context.getEndpoint("paperless:tags?operation=page&baseUrl=http://127.0.0.1:9",
                PaperlessEndpoint.class);
        assertThat(same.getClient()).isSameAs(shared);
        assertThat(otherServer.getClient()).isNotSameAs(shared);
        assertThat(otherServer.getClient().url().base()).isEqualTo("http://127.0.0.1:9");
        // a client of the user's own is used as it is, whatever the endpoint's settings
        PaperlessClient own = new PaperlessClient(io.github.camelpaperless.client.PaperlessClientConfig
                .builder("http://127.0.0.1:7").token("t").build());
        try {
            component.getConfiguration().setClient(own);
            PaperlessEndpoint given = context.getEndpoint("paperless:tags?operation=get&baseUrl=http://127.0.0.1:9",
                    PaperlessEndpoint.class);
            assertThat(given.getClient()).isSameAs(own);
        } finally {
            component.getConfiguration().setClient(null);
            own.close();
        }
    }
}
