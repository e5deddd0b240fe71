package io.github.camelpaperless.examples;

import java.io.ByteArrayOutputStream;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.consumer.SharedFileStateRepository;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mail.MailMessage;

/**
 * Example 2 — mail ingest. Reads unseen mails from {@code mail.uri} (IMAP or IMAPS); every attachment (and, with
 * {@code mail.includeMessage=true}, the mail itself as {@code .eml}) is uploaded with the sender as correspondent
 * (mapped by {@code mail.correspondents.<address>=<name>}, else the sender's name; created when missing). The mail is
 * marked seen (and moved to {@code mail.moveTo}, if set) only after all its attachments were consumed; a failure leaves
 * it unseen for the next poll, and attachments already consumed are not uploaded again.
 */
public class MailIngestRoute extends RouteBuilder {

    private static final String CORRESPONDENT = "paperlessMailCorrespondent";

    /** One file to upload from a mail. */
    public record MailFile(String name, byte[] content) {
    }

    @Override
    public void configure() throws Exception {
        SharedFileStateRepository pending = new SharedFileStateRepository(
                Paths.get(getContext().resolvePropertyPlaceholders("{{mail.stateDir:target/examples/mail-state}}"), "pending.properties"));
        Map<String, Object> correspondents = org.apache.camel.util.PropertiesHelper.extractProperties(
                new java.util.HashMap<>(getContext().getPropertiesComponent().loadPropertiesAsMap()), "mail.correspondents.", false);

        from("{{mail.uri}}?username={{mail.username}}&password=RAW({{mail.password}})&unseen=true&peek=true&delete=false"
             + "{{mail.moveToOption:}}&delay={{mail.delay:10000}}&mapMailMessage=false")
                .routeId("mail-ingest").autoStartup("{{mail.enabled:false}}")
                .process(e -> {
                    Message mail = e.getIn(MailMessage.class).getMessage();
                    // an exchange property, not a header: the split parts copy the mail message, which re-reads its
                    // headers from the mail and would drop ours
                    e.setProperty(CORRESPONDENT, correspondent(mail, correspondents));
                    e.getMessage().setBody(files(mail, Boolean.parseBoolean(
                            e.getContext().resolvePropertyPlaceholders("{{mail.includeMessage:false}}"))));
                })
                .split(body()).stopOnException().shareUnitOfWork()
                    .process(e -> {
                        MailFile f = e.getMessage().getBody(MailFile.class);
                        e.getMessage().setHeader(PaperlessConstants.FILE_NAME, f.name());
                        e.getMessage().setHeader(PaperlessConstants.CORRESPONDENT, e.getProperty(CORRESPONDENT));
                        e.getMessage().setBody(f.content());
                    })
                    .to("direct:mail-upload")
                .end()
                .log("Ingested the attachments of '${header.Subject}'");

        Ingest.steps(from("direct:mail-upload").routeId("mail-upload"), pending, "&createMissing=true");
    }

    static String correspondent(Message mail, Map<String, Object> mapping) throws Exception {
        Address[] from = mail.getFrom();
        if (from == null || from.length == 0) {
            return null;
        }
        InternetAddress a = (InternetAddress) from[0];
        Object mapped = mapping.get(a.getAddress().toLowerCase());
        if (mapped != null) {
            return mapped.toString();
        }
        return a.getPersonal() != null && !a.getPersonal().isBlank() ? a.getPersonal() : a.getAddress();
    }

    static List<MailFile> files(Message mail, boolean includeMessage) throws Exception {
        List<MailFile> out = new ArrayList<>();
        collect(mail, out);
        if (includeMessage) {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            mail.writeTo(raw);
            String subject = mail.getSubject() == null ? "mail" : mail.getSubject().replaceAll("[^\\p{L}\\p{N} ._-]", "_");
            out.add(new MailFile(subject + ".eml", raw.toByteArray()));
        }
        return out;
    }

    private static void collect(Part part, List<MailFile> out) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) part.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                collect(mp.getBodyPart(i), out);
            }
        } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null) {
            out.add(new MailFile(part.getFileName(), part.getInputStream().readAllBytes()));
        }
    }

}
