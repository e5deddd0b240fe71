package io.github.camelpaperless.component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.camelpaperless.client.PaperlessClient;
import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;

/**
 * Dev console: every paperless endpoint with its server, negotiated API version, server version and connection pool,
 * and every paperless consumer with its stored position. Never shows credentials.
 */
@DevConsole(group = "camel", name = "paperless", displayName = "Paperless-ngx",
            description = "Paperless endpoints, API versions, connection pools and consumer positions")
public class PaperlessDevConsole extends AbstractDevConsole {

    public PaperlessDevConsole() {
        super("camel", "paperless", "Paperless-ngx", "Paperless endpoints, API versions, connection pools and consumer positions");
    }

    private List<Map<String, Object>> endpoints() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Endpoint e : getCamelContext().getEndpoints()) {
            if (!(e instanceof PaperlessEndpoint)) {
                continue;
            }
            PaperlessEndpoint pe = (PaperlessEndpoint) e;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("uri", pe.toString().replaceFirst("^Endpoint\\[", "").replaceFirst("]$", ""));
            m.put("resource", pe.getResource().path());
            m.put("server", pe.getServiceUrl());
            try {
                // report, never create: an endpoint that was never used has no client yet
                PaperlessClient c = pe.existingClient();
                if (c == null) {
                    m.put("client", "none yet (not used)");
                    out.add(m);
                    continue;
                }
                m.put("apiVersion", c.apiVersion() == 0 ? "not yet negotiated" : c.apiVersion());
                m.put("serverVersion", c.serverVersion());
                if (c.poolStats() != null) {
                    m.put("pool", "leased=" + c.poolStats().getLeased() + " available=" + c.poolStats().getAvailable()
                                  + " pending=" + c.poolStats().getPending() + " max=" + c.poolStats().getMax());
                }
            } catch (Exception ex) {
                m.put("error", ex.getMessage());
            }
            out.add(m);
        }
        return out;
    }

    private List<Map<String, Object>> consumers() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Route r : getCamelContext().getRoutes()) {
            if (r.getConsumer() instanceof PaperlessConsumers.Info) {
                PaperlessConsumers.Info c = (PaperlessConsumers.Info) r.getConsumer();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("routeId", r.getRouteId());
                m.put("stateKey", c.getStateKey());
                String watermark = c.watermark();
                m.put("watermark", watermark == null ? "none" : watermark);
                m.put("remembered", c.rememberedCount());
                out.add(m);
            }
        }
        return out;
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder sb = new StringBuilder();
        for (Map<String, Object> e : endpoints()) {
            sb.append("Endpoint: ").append(e).append('\n');
        }
        for (Map<String, Object> c : consumers()) {
            sb.append("Consumer: ").append(c).append('\n');
        }
        return sb.toString();
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("endpoints", endpoints());
        root.put("consumers", consumers());
        return root;
    }
}
