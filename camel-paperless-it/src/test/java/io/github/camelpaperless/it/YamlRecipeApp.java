package io.github.camelpaperless.it;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.it.support.ChildJvms;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;

/**
 * One instance of the single-active recipe in its YAML form (docs/consumers.md, "Running on more than one instance"),
 * run as its own JVM by {@link ClusterFailoverIT}: Camel Main with the page's {@code application.properties} snippet
 * (the file cluster service; its root this run's directory) and its YAML snippet as written, but for its
 * {@code stateKey: export} line, which becomes this run's key plus the filters that keep the run to its own documents.
 * The route's {@code direct:export} writes {@code <id> <redelivered> <epoch> <instance> <millis>} per exchange (synced)
 * and works {@code workMillis} on it.
 * <p>
 * Arguments: url pgPort outFile titlePrefix workMillis instanceName clusterDir; the token in the environment variable
 * {@code PAPERLESS_TOKEN}.
 */
public final class YamlRecipeApp {

    private YamlRecipeApp() {
    }

    /** The page's properties snippet of the recipe. */
    static String properties() {
        return DocsSnippetsIT.snippets("properties").stream().filter(x -> x.code().contains("camel.cluster.file.enabled"))
                .findFirst().orElseThrow(() -> new IllegalStateException("docs: no properties snippet of the cluster recipe"))
                .code();
    }

    /** The page's YAML snippet of the recipe. */
    static String yaml() {
        return DocsSnippetsIT.snippets("yaml").stream().filter(x -> x.code().contains("ClusteredRoutePolicy"))
                .findFirst().orElseThrow(() -> new IllegalStateException("docs: no YAML snippet of the cluster recipe"))
                .code();
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int pgPort = Integer.parseInt(args[1]);
        FileOutputStream out = new FileOutputStream(args[2], true);
        String prefix = args[3];
        long work = Long.parseLong(args[4]);
        String name = args[5];
        String clusterDir = args[6];

        String yaml = yaml();
        String stateKey = "        stateKey: export\n";
        if (!yaml.contains(stateKey)) {
            throw new IllegalStateException("docs: the YAML recipe has no '" + stateKey.trim() + "' line");
        }
        yaml = yaml.replace(stateKey, "        stateKey: " + prefix + "\n        startFrom: beginning\n"
                                      + "        filter.title__istartswith: " + prefix + "\n        delay: 300\n"
                                      + "        initialDelay: 0\n        maxMessagesPerPoll: 4\n");
        java.nio.file.Path routes = java.nio.file.Files.createTempFile("export-", ".camel.yaml");
        java.nio.file.Files.writeString(routes, yaml);

        Main main = new Main();
        // this application's properties only (the examples on the class path bring their own application.properties)
        main.setDefaultPropertyPlaceholderLocation("false");
        Properties props = new Properties();
        props.load(new StringReader(properties()));
        props.forEach((k, v) -> main.addOverrideProperty((String) k,
                ((String) v).replace("/shared/cluster", clusterDir)));
        main.addOverrideProperty("camel.main.name", name);
        main.addOverrideProperty("camel.main.routesIncludePattern", "file:" + routes);
        main.addOverrideProperty("camel.component.paperless.baseUrl", url);
        main.addOverrideProperty("camel.component.paperless.token", System.getenv("PAPERLESS_TOKEN"));
        main.bind("dataSource", ChildJvms.postgresAt(pgPort));
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:export").process(e -> {
                    String line = e.getMessage().getHeader(PaperlessConstants.ID) + " "
                                  + e.getMessage().getHeader(PaperlessConstants.REDELIVERED) + " "
                                  + e.getMessage().getHeader(PaperlessConstants.EPOCH) + " " + name + " "
                                  + System.currentTimeMillis() + "\n";
                    write(out, line);
                    Thread.sleep(work);
                });
            }
        });
        main.run();
    }

    private static void write(FileOutputStream out, String line) throws IOException {
        synchronized (out) {
            out.write(line.getBytes(StandardCharsets.UTF_8));
            out.getFD().sync();
        }
    }
}
