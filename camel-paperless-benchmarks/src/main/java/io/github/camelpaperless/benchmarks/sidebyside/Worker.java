package io.github.camelpaperless.benchmarks.sidebyside;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelpaperless.client.ApiVersion;
import io.github.camelpaperless.client.Download;
import io.github.camelpaperless.client.PaperlessClient;
import io.github.camelpaperless.client.PaperlessClientConfig;
import io.github.camelpaperless.client.PaperlessJson;
import io.github.camelpaperless.client.Query;
import io.github.camelpaperless.client.UploadRequest;
import io.github.camelpaperless.client.UploadSource;
import io.github.camelpaperless.client.model.Document;
import io.github.camelpaperless.component.PaperlessComponent;
import io.github.camelpaperless.component.PaperlessConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * One contender of the side-by-side benchmarks, run in its own JVM by {@link Harness} ({@code -Xmx64m}): warms up on a
 * small run of the scenario, resets the peak RSS and heap, runs the scenario once and prints one JSON line.
 * <ul>
 * <li>{@code bare}: Apache HttpClient 5 and Jackson by hand, the same model and mapper as the client (so the ratio is
 * the client's own overhead)</li>
 * <li>{@code client}: the client package ({@link PaperlessClient}), no Camel</li>
 * <li>{@code route}: a Camel route with the component, as a user writes it</li>
 * </ul>
 */
public final class Worker {

    /** A page as the bare loop reads it. */
    public record BarePage(long count, String next, List<Document> results) {
    }

    private final String contender;
    private final String url;
    private CloseableHttpClient http;
    private PaperlessClient client;
    private CamelContext camel;
    private ProducerTemplate template;
    private final ObjectMapper mapper = PaperlessJson.mapper();
    private List<Document> inMemoryPage;

    Worker(String contender, String url) {
        this.contender = contender;
        this.url = url;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Worker w = new Worker(a.get("contender"), a.get("url"));
        workNanos = Long.parseLong(a.getOrDefault("work-us", "0")) * 1000;
        String scenario = a.get("scenario");
        long n = Long.parseLong(a.getOrDefault("n", "0"));
        int size = Integer.parseInt(a.getOrDefault("size", "0"));
        int conc = Integer.parseInt(a.getOrDefault("conc", "1"));
        w.open();
        if (scenario.equals("bigupload")) {
            bigFile(n);
            bigFile(16L << 20);
        }
        try {
            // warm-up, unrecorded (a long-running application is warm)
            long warm = Long.parseLong(a.getOrDefault("warm", "0"));
            w.run(scenario, Math.max(1, scenario.equals("iterate") ? Math.min(n, warm) : warm), size, conc, true);
            System.gc();
            resetPeaks();
            // several timed passes, the median one reported (a pass of 100,000 documents, 5,000 uploads or 1 GiB takes
            // about a second: too short on a shared 2-core machine for one sample)
            int passes = Integer.parseInt(a.getOrDefault("passes", "1"));
            long[] r = null;
            double[] times = new double[passes];
            for (int i = 0; i < passes; i++) {
                long t0 = System.nanoTime();
                r = w.run(scenario, n, size, conc, false);
                times[i] = (System.nanoTime() - t0) / 1e9;
            }
            java.util.Arrays.sort(times);
            double seconds = times[passes / 2];
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("contender", w.contender);
            out.put("scenario", scenario);
            out.put("items", r[0]);
            out.put("check", r[1]);
            out.put("seconds", seconds);
            out.put("perSecond", r[0] / seconds);
            out.put("passes", passes);
            out.put("peakRssKb", peakRssKb());
            out.put("peakHeapKb", peakHeapKb());
            System.out.println("RESULT " + new ObjectMapper().writeValueAsString(out));
        } finally {
            w.close();
        }
    }

    void open() throws Exception {
        switch (contender) {
            case "bare":
                http = HttpClients.custom().setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(8).setMaxConnTotal(8).build()).build();
                break;
            case "client":
                client = new PaperlessClient(PaperlessClientConfig.builder(url).token("bench").apiVersion(ApiVersion.V10).build());
                break;
            case "camel-split":
                // Camel's own floor: the same split over documents already in memory (no HTTP, no component)
                client = new PaperlessClient(PaperlessClientConfig.builder(url).token("bench").apiVersion(ApiVersion.V10).build());
                camel = new DefaultCamelContext();
                camel.setStreamCaching(false);
                camel.start();
                template = camel.createProducerTemplate();
                break;
            case "route":
                camel = new DefaultCamelContext();
                camel.setStreamCaching(false);
                PaperlessComponent pc = new PaperlessComponent();
                pc.getConfiguration().setBaseUrl(url);
                pc.getConfiguration().setToken("bench");
                pc.getConfiguration().setApiVersion("10");
                camel.addComponent("paperless", pc);
                camel.start();
                template = camel.createProducerTemplate();
                break;
            default:
                throw new IllegalArgumentException("unknown contender " + contender);
        }
    }

    void close() throws Exception {
        if (http != null) {
            http.close();
        }
        if (client != null) {
            client.close();
        }
        if (camel != null) {
            camel.close();
        }
    }

    /** Runs a scenario; returns {items, checksum}. */
    long[] run(String scenario, long n, int size, int conc, boolean warm) throws Exception {
        switch (scenario) {
            case "iterate":
                return iterate(n, size);
            case "upload":
                return upload(n, size, conc);
            case "download":
                return download(warm ? 2 : 1);
            case "bigupload":
                return bigUpload(warm ? 16L << 20 : n);
            default:
                throw new IllegalArgumentException("unknown scenario " + scenario);
        }
    }

    // ---- scenario 1: iterate every document

    private long[] iterate(long max, int pageSize) throws Exception {
        long[] r = new long[2];
        switch (contender) {
            case "bare": {
                String next = url + "/api/documents/?page_size=" + pageSize;
                while (next != null && r[0] < max) {
                    HttpGet get = new HttpGet(next);
                    get.addHeader("Accept", "application/json; version=10");
                    get.addHeader("Authorization", "Token bench");
                    BarePage p = http.execute(get, res -> mapper.readValue(res.getEntity().getContent(), BarePage.class));
                    for (Document d : p.results()) {
                        count(r, d);
                    }
                    next = p.next();
                }
                return r;
            }
            case "client": {
                for (Document d : client.documents().list(Query.create().set("page_size", pageSize))) {
                    count(r, d);
                    if (r[0] >= max) {
                        break;
                    }
                }
                return r;
            }
            default: {
                // route: the user's route; camel-split: the same split over documents already in memory (Camel alone)
                boolean alone = contender.equals("camel-split");
                Iterable<Document> documents = alone ? inMemory(max, pageSize) : null;
                String id = contender + "-" + System.nanoTime();
                camel.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        RouteDefinition route = from("direct:" + id).routeId(id);
                        if (!alone) {
                            route.to("paperless:documents?operation=list&pageSize=" + pageSize + "&maxResults=" + max);
                        }
                        route.split(body()).streaming()
                                .process(e -> count(r, e.getMessage().getBody(Document.class)));
                    }
                });
                template.sendBody("direct:" + id, documents);
                camel.getRouteController().stopRoute(id);
                camel.removeRoute(id);
                return r;
            }
        }
    }

    /** {@code max} documents: one page read once, handed out again and again. */
    private Iterable<Document> inMemory(long max, int pageSize) {
        if (inMemoryPage == null || inMemoryPage.size() != pageSize) {
            inMemoryPage = client.documents().page(Query.create().set("page_size", pageSize), 1).items();
        }
        List<Document> page = inMemoryPage;
        return () -> new java.util.Iterator<>() {
            private long i;

            @Override
            public boolean hasNext() {
                return i < max;
            }

            @Override
            public Document next() {
                return page.get((int) (i++ % page.size()));
            }
        };
    }

    /** Work per document in the iterate scenario (waiting, as on another system), 0 for none. */
    private static long workNanos;

    private static synchronized void count(long[] r, Document d) {
        if (workNanos > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(workNanos);
        }
        r[0]++;
        r[1] += d.id() + (d.content() == null ? 0 : d.content().length());
    }

    // ---- scenario 2: small uploads, sequential (conc 1) or concurrent

    private long[] upload(long n, int bytes, int conc) throws Exception {
        byte[] body = new byte[bytes];
        java.util.Arrays.fill(body, (byte) 'x');
        AtomicLong ok = new AtomicLong();
        if (contender.equals("route") && conc > 1) {
            // the idiomatic concurrent route: a parallel split over the files, on a pool of conc threads
            String id = "uploads-" + System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(conc);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:" + id).routeId(id).split(body()).parallelProcessing().executorService(pool)
                            .setHeader(PaperlessConstants.FILE_NAME, simple("bench-${exchangeProperty.CamelSplitIndex}.txt"))
                            .to("paperless:documents?operation=upload")
                            .process(e -> ok.incrementAndGet());
                }
            });
            List<byte[]> files = new ArrayList<>();
            for (long i = 0; i < n; i++) {
                files.add(body);
            }
            template.sendBody("direct:" + id, files);
            camel.getRouteController().stopRoute(id);
            camel.removeRoute(id);
            pool.shutdown();
            return new long[] { ok.get(), ok.get() };
        }
        ExecutorService pool = conc > 1 ? Executors.newFixedThreadPool(conc) : null;
        List<Future<?>> futures = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            long index = i;
            Runnable one = () -> {
                try {
                    if (uploadOne(body, index) != null) {
                        ok.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            if (pool == null) {
                one.run();
            } else {
                futures.add(pool.submit(one));
            }
        }
        for (Future<?> f : futures) {
            f.get();
        }
        if (pool != null) {
            pool.shutdown();
        }
        return new long[] { ok.get(), ok.get() };
    }

    private String uploadOne(byte[] body, long index) throws Exception {
        String name = "bench-" + index + ".txt";
        switch (contender) {
            case "bare": {
                HttpPost post = new HttpPost(url + "/api/documents/post_document/");
                post.addHeader("Accept", "application/json; version=10");
                post.addHeader("Authorization", "Token bench");
                post.setEntity(MultipartEntityBuilder.create().addBinaryBody("document", body,
                        ContentType.APPLICATION_OCTET_STREAM, name).build());
                return http.execute(post, res -> EntityUtils.toString(res.getEntity()));
            }
            case "client":
                return client.documents().upload(new UploadRequest(UploadSource.of(body)).fileName(name), false);
            default:
                return template.requestBodyAndHeader("paperless:documents?operation=upload", body,
                        PaperlessConstants.FILE_NAME, name, String.class);
        }
    }

    // ---- scenario 3: one big download, streamed

    private long[] download(int id) throws Exception {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        switch (contender) {
            case "bare": {
                HttpGet get = new HttpGet(url + "/api/documents/" + id + "/download/?original=true");
                get.addHeader("Authorization", "Token bench");
                total = http.execute(get, res -> res.getEntity().getContent().transferTo(OutputStream.nullOutputStream()));
                break;
            }
            case "client": {
                try (Download d = client.documents().download(id, true); InputStream in = d.stream()) {
                    for (int k; (k = in.read(buffer)) >= 0;) {
                        total += k;
                    }
                }
                break;
            }
            default: {
                // the body is a stream the component closes when the exchange completes: read it in the route
                String rid = "download-" + System.nanoTime();
                long[] read = new long[1];
                camel.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:" + rid).routeId(rid).to("paperless:documents?operation=download&original=true")
                                .process(e -> {
                                    InputStream in = e.getMessage().getBody(InputStream.class);
                                    for (int k; (k = in.read(buffer)) >= 0;) {
                                        read[0] += k;
                                    }
                                });
                    }
                });
                Exchange e = template.request("direct:" + rid, x -> x.getMessage().setHeader(PaperlessConstants.ID, id));
                camel.getRouteController().stopRoute(rid);
                camel.removeRoute(rid);
                if (e.getException() != null) {
                    throw e.getException();
                }
                total = read[0];
                break;
            }
        }
        return new long[] { total, total };
    }

    // ---- scenario 3b: one big upload from a file, streamed

    private long[] bigUpload(long bytes) throws Exception {
        Path file = bigFile(bytes);
        String name = "big-" + bytes + ".pdf";
        switch (contender) {
            case "bare": {
                HttpPost post = new HttpPost(url + "/api/documents/post_document/");
                post.addHeader("Accept", "application/json; version=10");
                post.addHeader("Authorization", "Token bench");
                post.setEntity(MultipartEntityBuilder.create().addBinaryBody("document", file.toFile(),
                        ContentType.APPLICATION_OCTET_STREAM, name).build());
                http.execute(post, res -> EntityUtils.toString(res.getEntity()));
                break;
            }
            case "client":
                client.documents().upload(new UploadRequest(UploadSource.of(file)).fileName(name), false);
                break;
            default:
                template.requestBodyAndHeader("paperless:documents?operation=upload", file.toFile(),
                        PaperlessConstants.FILE_NAME, name, String.class);
                break;
        }
        return new long[] { bytes, bytes };
    }

    /** A file of {@code bytes} under target/ (made once, outside the timed part: it is read from the page cache). */
    static Path bigFile(long bytes) throws Exception {
        Path file = Path.of("target", "side-by-side", "upload-" + bytes + ".bin");
        if (!Files.exists(file) || Files.size(file) != bytes) {
            Files.createDirectories(file.getParent());
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) '%');
            try (OutputStream o = Files.newOutputStream(file)) {
                for (long left = bytes; left > 0; left -= chunk.length) {
                    o.write(chunk, 0, (int) Math.min(chunk.length, left));
                }
            }
        }
        return file;
    }

    // ---- memory

    private static void resetPeaks() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (Exception e) {
            // not Linux, or refused: the peak then includes the warm-up
        }
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
    }

    static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }

    private static long peakHeapKb() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum / 1024;
    }
}
