package io.github.camelpaperless.it.support;

import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;

import io.github.camelpaperless.component.PaperlessComponent;
import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.consumer.SharedFileStateRepository;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * An application for the "application killed" fault scenario, run as a child JVM: a documents consumer with a
 * persistent state repository and an after-success action, writing one line per exchange ({@code <id> <redelivered>})
 * to a file (synced), working {@code workMillis} on each so that one is in flight when it is killed.
 * <p>
 * Arguments: url stateFile outFile mode titlePrefix tagId workMillis; the token in the environment variable
 * {@code PAPERLESS_TOKEN} (never on a command line).
 */
public final class ConsumerApp {

    private ConsumerApp() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String token = System.getenv("PAPERLESS_TOKEN");
        String stateFile = args[1];
        String outFile = args[2];
        String mode = args[3];
        String prefix = args[4];
        String tag = args[5];
        long work = Long.parseLong(args[6]);
        DefaultCamelContext ctx = new DefaultCamelContext();
        PaperlessComponent pc = new PaperlessComponent();
        pc.getConfiguration().setBaseUrl(url);
        pc.getConfiguration().setToken(token);
        ctx.addComponent("paperless", pc);
        ctx.getRegistry().bind("state", new SharedFileStateRepository(Paths.get(stateFile)));
        FileOutputStream out = new FileOutputStream(outFile, true);
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("paperless:documents?stateRepository=#state&mode=" + mode + "&startFrom=beginning&delay=300"
                     + "&initialDelay=0&filter.title__istartswith=" + prefix + "&addTags=" + tag)
                        .process(e -> {
                            String line = e.getMessage().getHeader(PaperlessConstants.ID) + " "
                                          + e.getMessage().getHeader(PaperlessConstants.REDELIVERED) + "\n";
                            synchronized (out) {
                                out.write(line.getBytes(StandardCharsets.UTF_8));
                                out.getFD().sync();
                            }
                            Thread.sleep(work);
                        });
            }
        });
        ctx.start();
        System.out.println("consumer-app started");
        Thread.currentThread().join();
    }
}
