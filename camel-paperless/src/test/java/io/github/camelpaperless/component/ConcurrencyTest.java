package io.github.camelpaperless.component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.camelpaperless.client.PagedIterable;
import io.github.camelpaperless.support.Fixtures;
import io.github.camelpaperless.support.PaperlessTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Sixteen threads upload and list through one endpoint: the pooled client is shared without errors or leaks. */
class ConcurrencyTest extends PaperlessTestSupport {

    static final String URI = "paperless:documents?connectionsPerRoute=4&maxTotalConnections=4";

    @Test
    void sixteenThreadsShareThePooledClient() throws Exception {
        String doc = Fixtures.json("documents");
        wm.stubFor(post(urlPathEqualTo("/api/documents/post_document/")).willReturn(okJson("\"0f0f0f0f-1e1e-4d2d-8c3c-4b4b4b4b4b4b\"")));
        wm.stubFor(get(urlPathEqualTo("/api/documents/")).withQueryParam("page", absent())
                .willReturn(okJson(Fixtures.page(2, wm.baseUrl() + "/api/documents/?page=2&page_size=1", null, doc))));
        wm.stubFor(get(urlPathEqualTo("/api/documents/")).withQueryParam("page", equalTo("2"))
                .willReturn(okJson(Fixtures.page(2, null, null, doc))));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int thread = t;
            results.add(pool.submit((Callable<Integer>) () -> {
                int ok = 0;
                for (int i = 0; i < 10; i++) {
                    int n = i;
                    Exchange up = template.request(URI + "&operation=upload", e -> {
                        e.getMessage().setBody(("thread " + thread + " document " + n).getBytes());
                        e.getMessage().setHeader(PaperlessConstants.FILE_NAME, "t" + thread + "-" + n + ".txt");
                    });
                    if (up.getException() != null) {
                        throw up.getException();
                    }
                    Exchange list = template.request(URI + "&operation=list&pageSize=1", e -> {
                    });
                    if (list.getException() != null) {
                        throw list.getException();
                    }
                    assertThat(((PagedIterable<?>) list.getMessage().getBody()).stream().count()).isEqualTo(2);
                    ok++;
                }
                return ok;
            }));
        }
        int total = 0;
        for (Future<Integer> f : results) {
            total += f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(total).isEqualTo(160);
        wm.verify(160, postRequestedFor(urlPathEqualTo("/api/documents/post_document/")));
        var stats = context.getEndpoint(URI, PaperlessEndpoint.class).getClient().poolStats();
        assertThat(stats.getLeased()).as("connections still leased: " + stats).isZero();
        assertThat(stats.getPending()).isZero();
        assertThat(stats.getMax()).isEqualTo(4);
    }
}
