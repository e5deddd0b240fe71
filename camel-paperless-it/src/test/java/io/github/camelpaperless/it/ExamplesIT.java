package io.github.camelpaperless.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.user.GreenMailUser;
import io.github.camelpaperless.client.Checksums;
import io.github.camelpaperless.client.Query;
import io.github.camelpaperless.examples.InvoiceNotifyRoute;
import io.github.camelpaperless.examples.FileDropIngestRoute;
import io.github.camelpaperless.examples.FtpIngestRoute;
import io.github.camelpaperless.examples.MailIngestRoute;
import io.github.camelpaperless.it.support.Await;
import io.github.camelpaperless.it.support.Pdfs;
import io.github.camelpaperless.it.support.RealServer;
import io.github.camelpaperless.it.support.RealServerTest;
import jakarta.activation.DataHandler;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.Authority;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;

/** The file drop, mail and FTP ingest examples, unchanged, against real servers (and real IMAP and FTP servers). */
class ExamplesIT {

    private static final Duration INGEST = Duration.ofMinutes(2);

    private static Path tmp(RealServer s) throws Exception {
        Files.createDirectories(Path.of("target", "examples-it"));
        return Files.createTempDirectory(Path.of("target", "examples-it"), s.displayName() + "-");
    }

    private static CamelContext start(RealServer s, Path dir, Properties extra, RoutesBuilder routes) throws Exception {
        Properties p = new Properties();
        p.put("ingest.dir", dir.resolve("inbox").toString());
        p.put("ingest.delay", "200");
        p.put("ingest.readLockMinAge", "0");
        p.put("ftp.stateDir", dir.resolve("ftp-state").toString());
        p.put("mail.stateDir", dir.resolve("mail-state").toString());
        p.putAll(extra);
        CamelContext ctx = s.camel(pc -> pc.getConfiguration().setRetryAttempts(0));
        ctx.getPropertiesComponent().setOverrideProperties(p);
        ctx.addRoutes(routes);
        return ctx;
    }

    /** The document with this content (the server's checksum), purged after the test with what it was filed under. */
    private static JsonNode documentWith(RealServer s, byte[] content) {
        Checksums sums = Checksums.of(content);
        String checksum = s.isV3() ? sums.sha256() : sums.md5();
        JsonNode page = s.get("documents", Query.create().set("checksum__iexact", checksum));
        assertThat(page.path("results")).as("documents with the dropped content").hasSize(1);
        JsonNode d = page.path("results").get(0);
        s.purgeLater(d.path("id").asInt());
        if (d.hasNonNull("correspondent")) {
            s.deleteLater("correspondents", d.path("correspondent").asInt());
        }
        d.path("tags").forEach(t -> s.deleteLater("tags", t.asInt()));
        return d;
    }

    /** The push example: the server's own workflow calls the route when an invoice is added. */
    @RealServerTest
    void invoiceNotifyIsCalledByTheServersWorkflow(RealServer s) throws Exception {
        int port = AvailablePortFinder.getNextAvailable();
        Properties p = new Properties();
        p.put("notify.port", String.valueOf(port));
        p.put("notify.bindHost", "127.0.0.1");
        p.put("notify.externalUrl", "http://127.0.0.1:" + port);
        p.put("notify.workflowName", s.unique("invoice-notify"));
        p.put("notify.to", "mock:notify");
        CamelContext ctx = start(s, tmp(s), p, new InvoiceNotifyRoute());
        org.apache.camel.component.mock.MockEndpoint notify = ctx.getEndpoint("mock:notify",
                org.apache.camel.component.mock.MockEndpoint.class);
        Thread.sleep(1500);
        int letter = s.upload(new io.github.camelpaperless.client.UploadRequest(io.github.camelpaperless.client.UploadSource.of(
                s.unique("letter").getBytes(StandardCharsets.UTF_8))).fileName("letter.txt"));
        int invoice = s.upload(new io.github.camelpaperless.client.UploadRequest(io.github.camelpaperless.client.UploadSource.of(
                s.unique("invoice").getBytes(StandardCharsets.UTF_8))).fileName("invoice-118.txt"));
        Await.until(Duration.ofSeconds(30), "the invoice notified", () -> notify.getReceivedCounter() >= 1);
        Thread.sleep(2000);
        assertThat(notify.getExchanges()).extracting(e -> e.getMessage().getHeader("CamelPaperlessId", Integer.class))
                .containsExactly(invoice).doesNotContain(letter);
        assertThat(notify.getExchanges().get(0).getMessage().getHeader("CamelPaperlessEventSource")).isEqualTo("push");
    }

    @RealServerTest
    void fileDropUploadsWithMetadataFromTheFolderAndRejectsWhatTheServerCannotRead(RealServer s) throws Exception {
        Path dir = tmp(s);
        start(s, dir, new Properties(), new FileDropIngestRoute());
        String correspondent = s.unique("Acme");
        String tag = s.unique("Invoices");
        byte[] content = (s.unique("invoice") + " total 118.00 EUR\n").getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("inbox").resolve(correspondent).resolve(tag).resolve("invoice-118.txt");
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        Path done = dir.resolve("inbox/.done").resolve(correspondent).resolve(tag).resolve("invoice-118.txt");
        Await.until(INGEST, "the file in .done", () -> Files.exists(done));

        JsonNode d = documentWith(s, content);
        assertThat(d.path("title").asText()).isEqualTo("invoice-118");
        assertThat(s.get("correspondents/" + d.path("correspondent").asInt()).path("name").asText()).isEqualTo(correspondent);
        assertThat(d.path("tags")).hasSize(1);
        assertThat(s.get("tags/" + d.path("tags").get(0).asInt()).path("name").asText()).isEqualTo(tag);

        // a file no parser of the server takes: its task fails, the file goes to .failed with the server's reason
        Path odd = dir.resolve("inbox").resolve(s.unique("unreadable") + ".bin");
        Files.write(odd, (s.unique("binary") + "\u0000\u0001").getBytes(StandardCharsets.UTF_8));
        Path failed = dir.resolve("inbox/.failed").resolve(odd.getFileName());
        Await.until(INGEST, "the file in .failed", () -> Files.exists(failed));
        String reason = Files.readString(failed.resolveSibling(odd.getFileName() + ".reason.txt"));
        assertThat(reason).isNotBlank();
    }

    @RealServerTest
    void mailAttachmentsAreUploadedWithTheSenderAsCorrespondentThenTheMailIsMarkedSeen(RealServer s) throws Exception {
        Assumptions.assumeTrue(s.servers().mail() != null, "needs the in-process mail server of the managed servers");
        String login = s.unique("inbox");
        GreenMailUser user = s.servers().mail().setUser(login + "@it.example", login, "mail-pw");
        String sender = s.unique("ACME Billing");
        byte[] pdf = Pdfs.pages(s.unique("mailed invoice"));
        byte[] txt = (s.unique("mailed receipt") + "\n").getBytes(StandardCharsets.UTF_8);
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom(new InternetAddress("billing@acme.example", sender));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(login + "@it.example"));
        m.setSubject("Invoice " + login);
        MimeMultipart mp = new MimeMultipart();
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Please find attached.");
        mp.addBodyPart(text);
        mp.addBodyPart(attachment("invoice.pdf", pdf, "application/pdf"));
        mp.addBodyPart(attachment("receipt.txt", txt, "text/plain"));
        m.setContent(mp);
        user.deliver(m);

        Properties p = new Properties();
        p.put("mail.enabled", "true");
        p.put("mail.uri", "imap://127.0.0.1:" + s.servers().mail().getImap().getPort());
        p.put("mail.username", login);
        p.put("mail.password", "mail-pw");
        p.put("mail.delay", "300");
        start(s, tmp(s), p, new MailIngestRoute());

        Await.until(INGEST, "the mail marked seen", () -> seen(s, user));
        JsonNode a = documentWith(s, pdf);
        JsonNode b = documentWith(s, txt);
        assertThat(a.path("original_file_name").asText()).isEqualTo("invoice.pdf");
        assertThat(b.path("original_file_name").asText()).isEqualTo("receipt.txt");
        assertThat(a.path("correspondent").asInt()).isEqualTo(b.path("correspondent").asInt());
        assertThat(s.get("correspondents/" + a.path("correspondent").asInt()).path("name").asText()).isEqualTo(sender);
    }

    private static boolean seen(RealServer s, GreenMailUser user) {
        try {
            return s.servers().mail().getManagers().getImapHostManager().getInbox(user).getMessages().stream()
                    .allMatch(x -> x.getFlags().contains(Flags.Flag.SEEN));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static MimeBodyPart attachment(String name, byte[] content, String type) throws Exception {
        MimeBodyPart p = new MimeBodyPart();
        p.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
        p.setFileName(name);
        p.setDisposition(MimeBodyPart.ATTACHMENT);
        // as mail clients send files: byte for byte (7bit text parts get their line ends rewritten in transit)
        p.setHeader("Content-Transfer-Encoding", "base64");
        return p;
    }

    @RealServerTest
    void ftpFilesAreUploadedAndMovedOnTheServerOnlyAfterSuccess(RealServer s) throws Exception {
        Path dir = tmp(s);
        Path home = dir.resolve("ftp-home");
        Files.createDirectories(home.resolve("scans"));
        int port = AvailablePortFinder.getNextAvailable();
        FtpServerFactory sf = new FtpServerFactory();
        ListenerFactory lf = new ListenerFactory();
        lf.setServerAddress("127.0.0.1");
        lf.setPort(port);
        sf.addListener("default", lf.createListener());
        var um = new PropertiesUserManagerFactory().createUserManager();
        BaseUser user = new BaseUser();
        user.setName("scanner");
        user.setPassword("ftp-pw");
        user.setHomeDirectory(home.toString());
        user.setAuthorities(List.<Authority> of(new WritePermission()));
        um.save(user);
        sf.setUserManager(um);
        FtpServer ftp = sf.createServer();
        ftp.start();
        s.cleanup(ftp::stop);

        Properties p = new Properties();
        p.put("ftp.enabled", "true");
        p.put("ftp.uri", "ftp://127.0.0.1:" + port + "/scans");
        p.put("ftp.username", "scanner");
        p.put("ftp.password", "ftp-pw");
        p.put("ftp.delay", "300");
        start(s, dir, p, new FtpIngestRoute());

        byte[] pdf = Pdfs.pages(s.unique("ftp contract"));
        Files.write(home.resolve("scans/contract.pdf"), pdf);
        Await.until(INGEST, "the remote file in .done", () -> Files.exists(home.resolve("scans/.done/contract.pdf")));
        assertThat(home.resolve("scans/contract.pdf")).doesNotExist();
        JsonNode d = documentWith(s, pdf);
        assertThat(d.path("original_file_name").asText()).isEqualTo("contract.pdf");
    }
}
