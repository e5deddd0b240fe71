package io.github.camelpaperless.examples;

import java.time.Duration;
import java.util.Properties;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.activation.DataHandler;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.apache.camel.RoutesBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The mail example against a real IMAP server (GreenMail, in-process). */
class MailIngestTest extends ExampleTestSupport {

    static final GreenMail MAIL = new GreenMail(new ServerSetup(
            org.apache.camel.test.AvailablePortFinder.getNextAvailable(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP));

    static {
        MAIL.start();
    }

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    private GreenMailUser user;

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new MailIngestRoute();
    }

    @Override
    protected Properties properties() {
        Properties p = new Properties();
        p.put("mail.enabled", "true");
        p.put("mail.uri", "imap://127.0.0.1:" + MAIL.getImap().getPort());
        p.put("mail.username", "paperless");
        p.put("mail.password", "mail-SECRET-pw");
        p.put("mail.delay", "200");
        p.put("mail.includeMessage", "true");
        return p;
    }

    private void deliver(String subject) throws Exception {
        MAIL.purgeEmailFromAllMailboxes();
        user = MAIL.setUser("paperless@example.com", "paperless", "mail-SECRET-pw");
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom(new InternetAddress("billing@acme.example", "ACME Billing"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("paperless@example.com"));
        m.setSubject(subject);
        MimeMultipart mp = new MimeMultipart();
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Please find attached.");
        mp.addBodyPart(text);
        mp.addBodyPart(attachment("invoice-a.pdf", "%PDF-1.4 invoice A", "application/pdf"));
        mp.addBodyPart(attachment("receipt-b.txt", "receipt B", "text/plain"));
        m.setContent(mp);
        user.deliver(m);
    }

    private static MimeBodyPart attachment(String name, String content, String type) throws Exception {
        MimeBodyPart p = new MimeBodyPart();
        p.setDataHandler(new DataHandler(new ByteArrayDataSource(content.getBytes(), type)));
        p.setFileName(name);
        p.setDisposition(MimeBodyPart.ATTACHMENT);
        return p;
    }

    private void awaitSeen() throws InterruptedException {
        await(Duration.ofSeconds(10), () -> {
            try {
                return seen();
            } catch (Exception e) {
                return false;
            }
        }, "the mail marked seen");
    }

    private boolean seen() throws Exception {
        for (StoredMessage sm : MAIL.getManagers().getImapHostManager().getInbox(user).getMessages()) {
            if (!sm.getFlags().contains(Flags.Flag.SEEN)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void uploadsEveryAttachmentAndTheMailWithTheSenderAsCorrespondentThenMarksItSeen() throws Exception {
        deliver("Invoice 2026-118");
        await(Duration.ofSeconds(20), () -> paperless.documents().size() == 3, "three documents");
        awaitSeen();
        assertThat(paperless.documents()).extracting(d -> d.path("original_file_name").asText())
                .containsExactlyInAnyOrder("invoice-a.pdf", "receipt-b.txt", "Invoice 2026-118.eml");
        assertThat(paperless.documents().get(0).path("correspondent").isInt()).as("a correspondent is set").isTrue();
        int correspondent = paperless.documents().get(0).path("correspondent").asInt();
        assertThat(paperless.documents()).allMatch(d -> d.path("correspondent").asInt() == correspondent);
    }

    @Test
    void aFailedAttachmentLeavesTheMailUnseenAndNothingIsUploadedTwice() throws Exception {
        paperless.failUploadsOf("receipt-b", 2);
        deliver("Receipt");
        await(Duration.ofSeconds(30), () -> paperless.documents().size() == 3, "all three documents after the failures");
        awaitSeen();
        // invoice-a was consumed on the first attempt and skipped (same checksum) on the retries
        assertThat(paperless.acceptedUploads()).isEqualTo(3);
        assertThat(paperless.documents()).extracting(d -> d.path("original_file_name").asText())
                .containsExactlyInAnyOrder("invoice-a.pdf", "receipt-b.txt", "Receipt.eml");
    }
}
