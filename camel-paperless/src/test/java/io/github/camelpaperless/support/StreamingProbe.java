package io.github.camelpaperless.support;

import java.io.InputStream;

import io.github.camelpaperless.component.PaperlessComponent;
import io.github.camelpaperless.component.PaperlessConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Run in a child JVM with a small heap ({@code -Xmx64m}) by {@code StreamingMemoryTest}: uploads a generated stream of
 * N bytes through {@code paperless:documents?operation=upload} and downloads N bytes through
 * {@code operation=download}, counting them. Prints {@code uploaded=<task> downloaded=<n>} and exits 0 on success.
 */
public final class StreamingProbe {

    private StreamingProbe() {
    }

    public static void main(String[] args) throws Exception {
        String baseUrl = args[0];
        long size = Long.parseLong(args[1]);
        try (CamelContext ctx = new DefaultCamelContext()) {
            PaperlessComponent pc = new PaperlessComponent();
            pc.getConfiguration().setBaseUrl(baseUrl);
            pc.getConfiguration().setToken("probe-token");
            ctx.addComponent("paperless", pc);
            long[] downloaded = new long[1];
            ctx.addRoutes(new org.apache.camel.builder.RouteBuilder() {
                @Override
                public void configure() {
                    // the downloaded stream is read inside the route: it is closed when the exchange completes
                    from("direct:download").to("paperless:documents?operation=download").process(e -> {
                        try (InputStream in = e.getMessage().getBody(InputStream.class)) {
                            byte[] buf = new byte[64 * 1024];
                            int n;
                            while ((n = in.read(buf)) > 0) {
                                downloaded[0] += n;
                            }
                        }
                    });
                }
            });
            ctx.start();
            ProducerTemplate t = ctx.createProducerTemplate();
            Exchange up = t.request("paperless:documents?operation=upload", e -> {
                e.getMessage().setBody(new GeneratedStream(size));
                e.getMessage().setHeader(PaperlessConstants.FILE_NAME, "big.pdf");
            });
            if (up.getException() != null) {
                throw up.getException();
            }
            Exchange down = t.request("direct:download", e -> {
                e.getMessage().setHeader(PaperlessConstants.ID, 1);
            });
            if (down.getException() != null) {
                throw down.getException();
            }
            System.out.println("uploaded=" + up.getMessage().getBody(String.class) + " downloaded=" + downloaded[0]
                               + " maxHeap=" + Runtime.getRuntime().maxMemory());
        }
    }

    /** A stream of {@code size} pseudo-random bytes, never held in memory. */
    public static final class GeneratedStream extends InputStream {
        private final long size;
        private long pos;

        public GeneratedStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return pos < size ? (int) (pos++ * 31 & 0xff) : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - pos);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) (pos++ * 31);
            }
            return n;
        }
    }
}
