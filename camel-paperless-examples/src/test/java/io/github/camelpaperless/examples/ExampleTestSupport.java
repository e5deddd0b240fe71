package io.github.camelpaperless.examples;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.function.BooleanSupplier;

import io.github.camelpaperless.component.PaperlessComponent;
import io.github.camelpaperless.examples.standin.StandInPaperless;
import org.apache.camel.CamelContext;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;

import static org.junit.jupiter.api.Assertions.fail;

/** Runs example routes against the in-process stand-in Paperless, with directories in a temp folder. */
abstract class ExampleTestSupport extends CamelTestSupport {

    protected StandInPaperless paperless;

    private Path tmp;

    /** A fresh directory under target/ (created lazily: CamelTestSupport configures the context in its constructor). */
    protected Path tmp() {
        if (tmp == null) {
            try {
                java.nio.file.Files.createDirectories(java.nio.file.Paths.get("target", "example-tests"));
                tmp = java.nio.file.Files.createTempDirectory(java.nio.file.Paths.get("target", "example-tests"), "run-");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return tmp;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        paperless = StandInPaperless.start("example-test-token");
        paperless.setConsumeDelayMillis(50);
        CamelContext ctx = super.createCamelContext();
        PaperlessComponent pc = new PaperlessComponent();
        pc.getConfiguration().setBaseUrl(paperless.baseUrl());
        pc.getConfiguration().setToken(paperless.token());
        pc.getConfiguration().setPollInterval(50);
        pc.getConfiguration().setRetryAttempts(0);
        ctx.addComponent("paperless", pc);
        return ctx;
    }

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        Properties p = new Properties();
        p.put("ingest.dir", tmp().resolve("inbox").toString());
        p.put("ingest.delay", "100");
        p.put("ingest.readLockMinAge", "0");
        p.put("export.dir", tmp().resolve("export").toString());
        p.put("export.stateDir", tmp().resolve("export-state").toString());
        p.put("export.delay", "100");
        p.put("ftp.stateDir", tmp().resolve("ftp-state").toString());
        p.put("mail.stateDir", tmp().resolve("mail-state").toString());
        p.putAll(properties());
        configuration.withUseOverridePropertiesWithPropertiesComponent(p);
    }

    /** Extra properties for the test. */
    protected Properties properties() {
        return new Properties();
    }

    @AfterEach
    void stopStandIn() {
        if (paperless != null) {
            paperless.close();
        }
    }

    protected static void await(Duration max, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Timed out after " + max + " waiting for " + what);
            }
            Thread.sleep(25);
        }
    }
}
