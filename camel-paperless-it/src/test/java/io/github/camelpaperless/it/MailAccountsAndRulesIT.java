package io.github.camelpaperless.it;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.user.GreenMailUser;
import io.github.camelpaperless.client.Checksums;
import io.github.camelpaperless.client.Query;
import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.it.support.Await;
import io.github.camelpaperless.it.support.Pdfs;
import io.github.camelpaperless.it.support.RealServer;
import io.github.camelpaperless.it.support.RealServerTest;
import io.github.camelpaperless.it.support.Routes;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mail accounts and rules, and the server's own mail fetching: {@code mail_accounts process} makes the server's worker
 * read the in-process IMAP server, consume the attachment and record the processed mail.
 */
class MailAccountsAndRulesIT {

    private static Map<String, Object> account(RealServer s, String login, int port) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("name", s.unique("account"));
        a.put("imap_server", "127.0.0.1");
        a.put("imap_port", port);
        a.put("imap_security", 1);
        a.put("username", login);
        a.put("password", "imap-pw");
        return a;
    }

    @RealServerTest
    void accountsAndRulesCrud(RealServer s) {
        Routes r = new Routes(s);
        Exchange created = r.call("paperless:mail_accounts?operation=create", account(s, "nobody", 1143));
        int account = created.getMessage().getHeader(PaperlessConstants.ID, Integer.class);
        s.deleteLater("mail_accounts", account);
        assertThat(r.json("paperless:mail_accounts?operation=get", account).path("password").asText()).isEqualTo("**********");
        r.call("paperless:mail_accounts?operation=update", Map.of("imap_port", 1993), PaperlessConstants.ID, account);
        assertThat(s.get("mail_accounts/" + account).path("imap_port").asInt()).isEqualTo(1993);
        Map<String, Object> full = account(s, "somebody", 1143);
        r.call("paperless:mail_accounts?operation=replace", full, PaperlessConstants.ID, account);
        assertThat(s.get("mail_accounts/" + account).path("username").asText()).isEqualTo("somebody");
        assertThat(r.json("paperless:mail_accounts", null)).extracting(n -> n.path("id").asInt()).contains(account);
        assertThat(r.call("paperless:mail_accounts?operation=page", null).getMessage()
                .getHeader(PaperlessConstants.COUNT, Long.class)).isPositive();

        Map<String, Object> rule = rule(s, account, "nothing-matches");
        Exchange made = r.call("paperless:mail_rules?operation=create", rule);
        int ruleId = made.getMessage().getHeader(PaperlessConstants.ID, Integer.class);
        s.deleteLater("mail_rules", ruleId);
        assertThat(r.json("paperless:mail_rules?operation=get", ruleId).path("account").asInt()).isEqualTo(account);
        r.call("paperless:mail_rules?operation=update", Map.of("maximum_age", 7), PaperlessConstants.ID, ruleId);
        assertThat(s.get("mail_rules/" + ruleId).path("maximum_age").asInt()).isEqualTo(7);
        Map<String, Object> replaced = new LinkedHashMap<>(rule);
        replaced.put("name", s.unique("rule-replaced"));
        r.call("paperless:mail_rules?operation=replace", replaced, PaperlessConstants.ID, ruleId);
        assertThat(s.get("mail_rules/" + ruleId).path("name").asText()).isEqualTo(replaced.get("name"));
        assertThat(r.json("paperless:mail_rules", null)).extracting(n -> n.path("id").asInt()).contains(ruleId);
        assertThat(r.call("paperless:mail_rules?operation=page", null).getMessage()
                .getHeader(PaperlessConstants.COUNT, Long.class)).isPositive();
        r.call("paperless:mail_rules?operation=delete", ruleId);
        r.call("paperless:mail_accounts?operation=delete", account);
        assertThat(r.json("paperless:mail_accounts", null)).extracting(n -> n.path("id").asInt()).doesNotContain(account);
    }

    private static Map<String, Object> rule(RealServer s, int account, String subject) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("name", s.unique("rule"));
        rule.put("account", account);
        rule.put("folder", "INBOX");
        rule.put("filter_subject", subject);
        rule.put("maximum_age", 30);
        rule.put("action", 3); // mark as read
        rule.put("attachment_type", 1);
        rule.put("consumption_scope", 1);
        rule.put("assign_title_from", 1);
        rule.put("order", 0);
        return rule;
    }

    @RealServerTest
    void processFetchesMailThroughTheServerAndRecordsIt(RealServer s) throws Exception {
        Assumptions.assumeTrue(s.managed() && s.servers().mail() != null,
                "the server's worker must reach the in-process IMAP server on loopback: needs a build-managed server");
        Routes r = new Routes(s);
        String login = s.unique("fetch");
        GreenMailUser user = s.servers().mail().setUser(login + "@it.example", login, "imap-pw");
        String subject = s.unique("Statement");
        byte[] pdf = Pdfs.pages(s.unique("fetched statement"));
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom(new InternetAddress("bank@it.example"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(login + "@it.example"));
        m.setSubject(subject);
        m.setSentDate(new java.util.Date());
        MimeMultipart mp = new MimeMultipart();
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Your statement.");
        mp.addBodyPart(text);
        MimeBodyPart att = new MimeBodyPart();
        att.setDataHandler(new DataHandler(new ByteArrayDataSource(pdf, "application/pdf")));
        att.setFileName("statement.pdf");
        att.setDisposition(MimeBodyPart.ATTACHMENT);
        att.setHeader("Content-Transfer-Encoding", "base64");
        mp.addBodyPart(att);
        m.setContent(mp);
        user.deliver(m);

        int account = s.send("POST", "mail_accounts", account(s, login, s.servers().mail().getImap().getPort())).path("id").asInt();
        s.deleteLater("mail_accounts", account);
        int rule = s.send("POST", "mail_rules", rule(s, account, subject)).path("id").asInt();
        s.deleteLater("mail_rules", rule);

        JsonNode ok = r.json("paperless:mail_accounts?operation=process", account);
        assertThat(ok.path("result").asText()).isEqualTo("OK");

        JsonNode processed = Await.until(Duration.ofMinutes(2), "the processed mail of rule " + rule,
                () -> r.json("paperless:processed_mail?filter.rule=" + rule, null), l -> l.size() == 1);
        JsonNode entry = processed.get(0);
        assertThat(entry.path("subject").asText()).isEqualTo(subject);
        assertThat(entry.path("status").asText()).isEqualTo("SUCCESS");
        int id = entry.path("id").asInt();
        assertThat(r.json("paperless:processed_mail?operation=get", id).path("rule").asInt()).isEqualTo(rule);
        assertThat(r.call("paperless:processed_mail?operation=page", null, PaperlessConstants.FILTERS, Map.of("rule", rule))
                .getMessage().getHeader(PaperlessConstants.COUNT, Long.class)).isEqualTo(1L);

        // the attachment was consumed into a document
        Checksums sums = Checksums.of(pdf);
        JsonNode doc = Await.until(Duration.ofMinutes(2), "the document from the attachment",
                () -> s.get("documents", Query.create().set("checksum__iexact", s.isV3() ? sums.sha256() : sums.md5())),
                page -> page.path("count").asInt() == 1);
        s.purgeLater(doc.path("results").get(0).path("id").asInt());
        assertThat(doc.path("results").get(0).path("title").asText()).isEqualTo(subject);

        JsonNode deleted = r.json("paperless:processed_mail?operation=bulkDelete", List.of(id));
        assertThat(deleted.toString()).contains(String.valueOf(id));
        assertThat(r.json("paperless:processed_mail?filter.rule=" + rule, null)).isEmpty();
    }
}
