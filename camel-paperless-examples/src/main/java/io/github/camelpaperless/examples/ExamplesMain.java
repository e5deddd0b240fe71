package io.github.camelpaperless.examples;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

import io.github.camelpaperless.examples.standin.StandInPaperless;
import org.apache.camel.main.Main;

/**
 * Runs the example routes with Camel Main, configured by {@code application.properties} and environment variables.
 * Without {@code PAPERLESS_URL} and {@code PAPERLESS_TOKEN} it starts an embedded <strong>stand-in</strong> Paperless,
 * drops two demo files into the inbox and stops after {@code EXAMPLES_DURATION} seconds (default 25); with them set it
 * runs against the real server until stopped.
 */
public final class ExamplesMain {

    private ExamplesMain() {
    }

    public static void main(String[] args) throws Exception {
        String url = System.getenv("PAPERLESS_URL");
        String token = System.getenv("PAPERLESS_TOKEN");
        Main main = new Main();
        main.configure().addRoutesBuilder(new FileDropIngestRoute());
        main.configure().addRoutesBuilder(new MailIngestRoute());
        main.configure().addRoutesBuilder(new FtpIngestRoute());
        main.configure().addRoutesBuilder(new ExportRoute());
        main.configure().addRoutesBuilder(new InvoiceNotifyRoute());
        StandInPaperless standIn = null;
        if (isBlank(url) || isBlank(token)) {
            standIn = StandInPaperless.start("stand-in-token");
            banner(standIn.baseUrl());
            main.addOverrideProperty("paperless.url", standIn.baseUrl());
            main.addOverrideProperty("paperless.token", standIn.token());
            main.addOverrideProperty("camel.main.duration-max-seconds",
                    System.getenv().getOrDefault("EXAMPLES_DURATION", "25"));
            seedDemoFiles(Paths.get(System.getenv().getOrDefault("INGEST_DIR", "target/examples/inbox")));
        } else {
            System.out.println("Using the Paperless server at " + url);
        }
        try {
            main.run(args);
        } finally {
            if (standIn != null) {
                summary(standIn);
                standIn.close();
            }
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static void banner(String url) {
        String line = "=".repeat(100);
        System.out.println(line);
        System.out.println(" PAPERLESS_URL / PAPERLESS_TOKEN are not set: using an embedded STAND-IN Paperless at " + url);
        System.out.println(" (it is not Paperless-ngx: no OCR, no matching; set both variables to run against a real server)");
        System.out.println(line);
    }

    static void seedDemoFiles(Path inbox) throws Exception {
        Path invoices = inbox.resolve("ACME Corp").resolve("Invoices");
        Files.createDirectories(invoices);
        Files.writeString(invoices.resolve("invoice-2026-118.txt"),
                "ACME Corp\nInvoice 2026-118\nTotal: 118.00 EUR\n", StandardCharsets.UTF_8);
        Files.writeString(inbox.resolve("scan-broken.pdf"), "%PDF-1.4 this scan is damaged", StandardCharsets.UTF_8);
    }

    private static void summary(StandInPaperless s) throws Exception {
        System.out.println("Stand-in Paperless now holds " + s.documents().size() + " document(s); tasks: "
                           + s.tasks().stream().map(t -> t.path("input_data").path("filename").asText() + "=" + t.path("status").asText()).toList());
        System.out.println("Webhook calls the stand-in made (push example): " + s.webhookResults());
        Path export = Paths.get(System.getenv().getOrDefault("EXPORT_DIR", "target/examples/export"));
        if (Files.isDirectory(export)) {
            try (Stream<Path> files = Files.walk(export)) {
                files.filter(Files::isRegularFile).forEach(f -> System.out.println("Exported: " + f));
            }
        }
    }
}
