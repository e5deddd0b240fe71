package io.github.camelpaperless.component;

import java.util.Map;

import io.github.camelpaperless.support.Fixtures;
import io.github.camelpaperless.support.PaperlessTestSupport;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

class DevConsoleTest extends PaperlessTestSupport {

    @Test
    void showsEndpointsVersionsPoolsAndPositionsButNoSecret() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/tags/1/")).willReturn(okJson(Fixtures.json("tags")).withHeader("X-Version", "3.0.5")));
        call("paperless:tags?operation=get&token=console-SECRET-42", 1);
        useFakeStore();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("paperless:documents?startScheduler=false&stateKey=export").routeId("export").to("mock:x");
            }
        });
        PaperlessDevConsole console = new PaperlessDevConsole();
        console.setCamelContext(context);
        String text = (String) console.call(DevConsole.MediaType.TEXT, Map.of());
        assertThat(text).contains("resource=tags").contains("apiVersion=10").contains("serverVersion=3.0.5")
                .contains("pool=leased=0").contains("stateKey=export");
        assertThat(text).doesNotContain("console-SECRET-42").doesNotContain(TOKEN);
        Object json = console.call(DevConsole.MediaType.JSON, Map.of());
        assertThat(json.toString()).doesNotContain("console-SECRET-42").contains("endpoints");
    }
}
