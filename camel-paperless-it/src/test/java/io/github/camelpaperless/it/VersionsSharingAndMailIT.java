package io.github.camelpaperless.it;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.github.camelpaperless.client.PaperlessUnsupportedException;
import io.github.camelpaperless.client.model.Task;
import io.github.camelpaperless.it.support.Await;
import io.github.camelpaperless.it.support.RealServer;
import io.github.camelpaperless.it.support.RealServerTest;
import io.github.camelpaperless.it.support.Routes;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Assumptions;

import static io.github.camelpaperless.component.PaperlessConstants.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Document versions, share links and bundles, and e-mailing documents through the server. */
class VersionsSharingAndMailIT {

    private static byte[] anonymousGet(RealServer s, String path) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(s.url() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as("GET " + path).isEqualTo(200);
        return r.body();
    }

    @RealServerTest
    void versionsUploadLabelReadAndDelete(RealServer s) {
        Routes r = new Routes(s);
        byte[] first = (s.unique("v1") + " first version\n").getBytes(StandardCharsets.UTF_8);
        byte[] second = (s.unique("v2") + " second version\n").getBytes(StandardCharsets.UTF_8);
        int doc = s.upload(new io.github.camelpaperless.client.UploadRequest(
                io.github.camelpaperless.client.UploadSource.of(first)).fileName("v.txt").title(s.unique("versions")));
        if (!s.isV3()) {
            // every version operation fails before a request, naming what the server lacks
            for (String op : List.of("uploadVersion", "updateVersion", "deleteVersion", "root", "download")) {
                Object body = op.equals("uploadVersion") ? second : null;
                Exception e = r.failure("paperless:documents?operation=" + op, body, ID, doc, VERSION_ID, doc,
                        VERSION_LABEL, "x");
                assertThat(e).as(op).isInstanceOf(PaperlessUnsupportedException.class)
                        .hasMessage("document versions need Paperless-ngx 3.0 or newer; the server is Paperless-ngx "
                                    + s.serverVersion());
            }
            return;
        }
        Exchange up = r.call("paperless:documents?operation=uploadVersion", second, ID, doc, FILE_NAME, "v2.txt",
                VERSION_LABEL, "second draft");
        String task = up.getMessage().getBody(String.class);
        Task t = (Task) r.body("paperless:tasks?operation=poll&pollInterval=200", null, TASK_ID, task);
        assertThat(t.isSuccess()).as(t.message()).isTrue();

        JsonNode versions = s.get("documents/" + doc).path("versions");
        assertThat(versions).hasSize(2);
        int newest = -1;
        for (JsonNode v : versions) {
            if (!v.path("is_root").asBoolean()) {
                newest = v.path("id").asInt();
                assertThat(v.path("version_label").asText()).isEqualTo("second draft");
            }
        }
        assertThat(r.body("paperless:documents?operation=root", newest)).isEqualTo(doc);

        // the newest version is what a download gets; the first one by its id
        assertThat(r.read("paperless:documents?operation=download&original=true", doc).getMessage().getBody(byte[].class))
                .isEqualTo(second);
        assertThat(r.read("paperless:documents?operation=download&original=true", doc, VERSION_ID, doc).getMessage()
                .getBody(byte[].class)).isEqualTo(first);
        assertThat(r.json("paperless:documents?operation=get", doc, VERSION_ID, doc).path("content").asText())
                .contains("first version");

        JsonNode labelled = r.json("paperless:documents?operation=updateVersion", null, ID, doc, VERSION_ID, newest,
                VERSION_LABEL, "final");
        assertThat(labelled.path("version_label").asText()).isEqualTo("final");

        r.call("paperless:documents?operation=deleteVersion", null, ID, doc, VERSION_ID, newest);
        assertThat(s.get("documents/" + doc).path("versions")).hasSize(1);
        assertThat(r.read("paperless:documents?operation=download&original=true", doc).getMessage().getBody(byte[].class))
                .isEqualTo(first);
    }

    @RealServerTest
    void shareLinksCreateListDownloadAndDelete(RealServer s) throws Exception {
        Routes r = new Routes(s);
        byte[] content = (s.unique("shared") + " shared text\n").getBytes(StandardCharsets.UTF_8);
        int doc = s.upload(new io.github.camelpaperless.client.UploadRequest(
                io.github.camelpaperless.client.UploadSource.of(content)).fileName("s.txt"));
        Map<String, Object> body = new HashMap<>();
        body.put("document", doc);
        body.put("file_version", "original");
        body.put("expiration", null);
        Exchange created = r.call("paperless:share_links?operation=create", body);
        int id = created.getMessage().getHeader(ID, Integer.class);
        s.deleteLater("share_links", id);
        String slug = s.client().mapper().valueToTree(created.getMessage().getBody()).path("slug").asText();
        assertThat(anonymousGet(s, "/share/" + slug + "/")).isEqualTo(content);

        assertThat(r.json("paperless:documents?operation=shareLinks", doc)).extracting(n -> n.path("id").asInt())
                .containsExactly(id);
        assertThat(r.json("paperless:share_links?operation=get", id).path("slug").asText()).isEqualTo(slug);
        assertThat(r.json("paperless:share_links", null)).extracting(n -> n.path("id").asInt()).contains(id);
        assertThat(r.call("paperless:share_links?operation=page&pageSize=1", null).getMessage().getHeader(COUNT, Long.class))
                .isPositive();
        r.call("paperless:share_links?operation=delete", id);
        assertThat(r.json("paperless:documents?operation=shareLinks", doc)).isEmpty();
    }

    @RealServerTest
    void shareLinkBundlesBuildAndRebuildOnThreeAndAClearErrorOnTwo(RealServer s) throws Exception {
        Routes r = new Routes(s);
        int a = s.uploadText(s.unique("bundle-a"), s.unique("bundle a"));
        int b = s.uploadText(s.unique("bundle-b"), s.unique("bundle b"));
        Map<String, Object> body = Map.of("document_ids", List.of(a, b), "file_version", "original");
        if (!s.isV3()) {
            for (String op : List.of("create", "get", "list", "page", "update", "replace", "delete", "rebuild")) {
                Object in = op.equals("create") || op.equals("update") || op.equals("replace") ? body : null;
                assertThat(r.failure("paperless:share_link_bundles?operation=" + op, in, ID, 1)).as(op)
                        .isInstanceOf(PaperlessUnsupportedException.class)
                        .hasMessage("share link bundles need Paperless-ngx 3.0 or newer; the server is Paperless-ngx "
                                    + s.serverVersion());
            }
            return;
        }
        Exchange created = r.call("paperless:share_link_bundles?operation=create", body);
        int id = created.getMessage().getHeader(ID, Integer.class);
        s.deleteLater("share_link_bundles", id);
        JsonNode ready = Await.until(Duration.ofMinutes(1), "the bundle built", () -> r.json(
                "paperless:share_link_bundles?operation=get", id), n -> n.path("status").asText().equals("ready"));
        assertThat(ready.path("document_count").asInt()).isEqualTo(2);
        byte[] zip = anonymousGet(s, "/share/" + ready.path("slug").asText() + "/");
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            while (in.getNextEntry() != null) {
                entries++;
            }
        }
        assertThat(entries).isEqualTo(2);

        JsonNode rebuilt = r.json("paperless:share_link_bundles?operation=rebuild", id);
        assertThat(rebuilt.path("status").asText()).isIn("pending", "processing", "ready");
        Await.until(Duration.ofMinutes(1), "the bundle rebuilt", () -> r.json(
                "paperless:share_link_bundles?operation=get", id), n -> n.path("status").asText().equals("ready"));
        assertThat(r.json("paperless:share_link_bundles", null)).extracting(n -> n.path("id").asInt()).contains(id);
        assertThat(r.call("paperless:share_link_bundles?operation=page", null).getMessage().getHeader(COUNT, Long.class))
                .isPositive();
        r.call("paperless:share_link_bundles?operation=update", Map.of("file_version", "archive"), ID, id);
        assertThat(s.get("share_link_bundles/" + id).path("file_version").asText()).isEqualTo("archive");
        r.call("paperless:share_link_bundles?operation=replace", Map.of("document_ids", List.of(a), "file_version",
                "original"), ID, id);
        assertThat(s.get("share_link_bundles/" + id).path("file_version").asText()).isEqualTo("original");
        r.call("paperless:share_link_bundles?operation=delete", id);
        assertThat(r.json("paperless:share_link_bundles", null)).extracting(n -> n.path("id").asInt()).doesNotContain(id);
    }

    @RealServerTest
    void emailSendsTheDocumentsThroughTheServersSmtp(RealServer s) throws Exception {
        Assumptions.assumeTrue(s.managed() && s.servers().mail() != null,
                "e-mail needs a build-managed server: its PAPERLESS_EMAIL_* settings point at the in-process SMTP server");
        Routes r = new Routes(s);
        byte[] content = io.github.camelpaperless.it.support.Pdfs.pages(s.unique("mailed") + " mailed");
        int doc = s.upload(new io.github.camelpaperless.client.UploadRequest(
                io.github.camelpaperless.client.UploadSource.of(content)).fileName("mailed.pdf").title(s.unique("mailed")));
        String to = s.unique("rcpt") + "@it.example";
        String subject = s.unique("Your document");
        JsonNode answer = r.json("paperless:documents?operation=email", Map.of("addresses", List.of(to), "subject", subject,
                "message", "Here it is.", "original", true), DOCUMENT_IDS, List.of(doc));
        assertThat(answer.path("message").asText()).isEqualTo("Email sent");

        MimeMessage mail = Await.until(Duration.ofSeconds(30), "the mail to " + to, () -> {
            for (MimeMessage m : s.servers().mail().getReceivedMessagesForDomain(to)) {
                try {
                    if (m.getSubject().equals(subject)) {
                        return m;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return null;
        }, m -> m != null);
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(GreenMailUtil.getBody(parts.getBodyPart(0))).contains("Here it is.");
        assertThat(parts.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(content);
    }
}
