package io.github.camelpaperless.benchmarks.sidebyside;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;

import io.github.camelpaperless.client.PaperlessClient;
import io.github.camelpaperless.client.PaperlessClientConfig;
import io.github.camelpaperless.client.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The ingest harness' pieces that need no real server: the counting proxy and the unique sample files. */
class IngestBenchTest {

    @Test
    void theProxyForwardsEveryRequestAndCountsItsTaskLooksAndBytes() throws Exception {
        try (FakePaperless fake = new FakePaperless(30, 20).start();
             CountingProxy proxy = new CountingProxy(fake.url());
             PaperlessClient direct = new PaperlessClient(PaperlessClientConfig.builder(fake.url()).token("t").build());
             PaperlessClient proxied = new PaperlessClient(PaperlessClientConfig.builder(proxy.url()).token("t").build())) {
            long count = proxied.documents().page(Query.create(), 1).count();
            int tasks = proxied.tasks().list(Query.create(), 0).stream().toList().size();
            assertThat(count).isEqualTo(direct.documents().page(Query.create(), 1).count()).isEqualTo(30);
            assertThat(tasks).isEqualTo(20);
            assertThat(proxy.taskRequests.get()).isEqualTo(1);
            assertThat(proxy.requests.get()).isGreaterThanOrEqualTo(2);
            assertThat(proxy.bytesSent.get()).isPositive();
            assertThat(proxy.bytesReceived.get()).isGreaterThan(proxy.bytesSent.get());
            proxy.reset();
            assertThat(proxy.requests.get()).isZero();
        }
    }

    @Test
    void theFilesAreAThirdEachOfTextPdfAndPngAllDifferentAndThePngsStillPictures(@TempDir Path tmp) throws Exception {
        Path samples = Files.createDirectories(tmp.resolve("samples"));
        Files.writeString(samples.resolve("simple.txt"), "This is a test file.\n");
        Files.write(samples.resolve("simple.pdf"), "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", png);
        Files.write(samples.resolve("simple.png"), png.toByteArray());
        Path stage = Files.createDirectories(tmp.resolve("stage"));

        IngestBench.makeFiles(samples, stage, "run1", 9);

        List<Path> files;
        try (var s = Files.list(stage)) {
            files = s.sorted().toList();
        }
        assertThat(files).hasSize(9);
        assertThat(files).filteredOn(f -> f.toString().endsWith(".txt")).hasSize(3);
        assertThat(files).filteredOn(f -> f.toString().endsWith(".pdf")).hasSize(3);
        assertThat(files).filteredOn(f -> f.toString().endsWith(".png")).hasSize(3);
        Set<String> contents = new HashSet<>();
        for (Path f : files) {
            contents.add(java.util.HexFormat.of().formatHex(Files.readAllBytes(f)));
            assertThat(f.getFileName().toString()).startsWith("run1-");
        }
        assertThat(contents).as("every file differs: no duplicate for Paperless").hasSize(9);
        for (Path f : files) {
            if (f.toString().endsWith(".png")) {
                byte[] bytes = Files.readAllBytes(f);
                assertThat(ImageIO.read(new ByteArrayInputStream(bytes))).as("still a picture").isNotNull();
                try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
                    ImageReader r = ImageIO.getImageReaders(in).next();
                    r.setInput(in);
                    IIOMetadata meta = r.getImageMetadata(0);
                    String tree = describe(meta.getAsTree("javax_imageio_png_1.0"));
                    assertThat(tree).contains("run1 ");
                }
            }
        }
    }

    private static String describe(org.w3c.dom.Node n) {
        StringBuilder b = new StringBuilder(n.getNodeName());
        if (n.getAttributes() != null) {
            for (int i = 0; i < n.getAttributes().getLength(); i++) {
                b.append(' ').append(n.getAttributes().item(i).getNodeValue());
            }
        }
        for (org.w3c.dom.Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            b.append('\n').append(describe(c));
        }
        return b.toString();
    }
}
