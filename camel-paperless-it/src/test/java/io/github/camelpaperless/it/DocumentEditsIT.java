package io.github.camelpaperless.it;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelpaperless.client.PaperlessApiException;
import io.github.camelpaperless.client.PaperlessUnsupportedException;
import io.github.camelpaperless.client.Query;
import io.github.camelpaperless.client.UploadRequest;
import io.github.camelpaperless.client.UploadSource;
import io.github.camelpaperless.client.model.Task;
import io.github.camelpaperless.it.support.Await;
import io.github.camelpaperless.it.support.Pdfs;
import io.github.camelpaperless.it.support.RealServer;
import io.github.camelpaperless.it.support.RealServersAtOnce;
import io.github.camelpaperless.it.support.Routes;
import io.github.camelpaperless.it.support.Samples;
import org.apache.camel.Exchange;

import static io.github.camelpaperless.component.PaperlessConstants.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Bulk edits, permissions and the PDF operations (rotate, merge, split, delete pages, edit, remove password). */
class DocumentEditsIT {

    private static final Duration CONSUME = Duration.ofMinutes(2);

    private static int pdf(RealServer s, String... pages) {
        String marker = s.unique("pdf");
        String[] lines = new String[pages.length];
        for (int i = 0; i < pages.length; i++) {
            lines[i] = marker + " " + pages[i];
        }
        return s.upload(new UploadRequest(UploadSource.of(Pdfs.pages(lines))).fileName(marker + ".pdf").title(marker));
    }

    /**
     * The documents that consumption tasks made from a source document (the server names their files
     * {@code <source id>_...}: {@code 12_13_merged.pdf}, {@code 12_1-1.pdf}, {@code 12_edit_1.pdf}); purged after the test.
     */
    private static List<Integer> madeFrom(RealServer s, int source) {
        List<Integer> ids = new ArrayList<>();
        for (Task t : s.client().tasks().list(Query.create(), 200)) {
            if (t.fileName() != null && t.fileName().startsWith(source + "_") && t.isSuccess() && t.documentId() != null) {
                ids.add(t.documentId());
            }
        }
        s.cleanup(() -> s.purge(ids));
        return ids;
    }

    @RealServersAtOnce
    void setObjectsByNameAndTagsAndCustomFields(RealServer s) {
        Routes r = new Routes(s);
        int a = s.uploadText(s.unique("a"), s.unique("bulk a"));
        int b = s.uploadText(s.unique("b"), s.unique("bulk b"));
        List<Integer> both = List.of(a, b);
        JsonNode corr = s.create("correspondents", "corr");
        JsonNode type = s.create("document_types", "type");
        JsonNode path = s.create("storage_paths", "path", Map.of("path", "{{ title }}"));
        JsonNode tag1 = s.create("tags", "t1");
        JsonNode tag2 = s.create("tags", "t2");
        JsonNode field = s.create("custom_fields", "f", Map.of("data_type", "integer"));

        r.call("paperless:documents?operation=setCorrespondent", both, CORRESPONDENT, corr.path("name").asText());
        r.call("paperless:documents?operation=setDocumentType", both, DOCUMENT_TYPE, type.path("name").asText());
        r.call("paperless:documents?operation=setStoragePath", null, DOCUMENT_IDS, both, STORAGE_PATH, path.path("id").asInt());
        r.call("paperless:documents?operation=addTag", both, TAGS, tag1.path("name").asText());
        r.call("paperless:documents?operation=modifyTags", Map.of("add_tags", List.of(tag2.path("name").asText())),
                DOCUMENT_IDS, both);
        r.call("paperless:documents?operation=modifyCustomFields", Map.of("add_custom_fields",
                Map.of(field.path("name").asText(), 42)), DOCUMENT_IDS, both);
        for (int id : both) {
            JsonNode d = s.get("documents/" + id);
            assertThat(d.path("correspondent").asInt()).isEqualTo(corr.path("id").asInt());
            assertThat(d.path("document_type").asInt()).isEqualTo(type.path("id").asInt());
            assertThat(d.path("storage_path").asInt()).isEqualTo(path.path("id").asInt());
            assertThat(d.path("tags")).extracting(JsonNode::asInt)
                    .containsExactlyInAnyOrder(tag1.path("id").asInt(), tag2.path("id").asInt());
            assertThat(d.path("custom_fields").get(0).path("value").asInt()).isEqualTo(42);
        }

        r.call("paperless:documents?operation=removeTag", List.of(a), TAGS, tag1.path("id").asInt());
        r.call("paperless:documents?operation=bulkEdit", Map.of("method", "remove_tag", "parameters",
                Map.of("tag", tag2.path("id").asInt())), DOCUMENT_IDS, List.of(a));
        r.call("paperless:documents?operation=modifyCustomFields", Map.of("remove_custom_fields",
                List.of(field.path("name").asText())), DOCUMENT_IDS, List.of(a));
        Map<String, Object> clear = new HashMap<>();
        clear.put("correspondent", null);
        r.call("paperless:documents?operation=setCorrespondent", clear, DOCUMENT_IDS, List.of(a));
        JsonNode d = s.get("documents/" + a);
        assertThat(d.path("tags")).isEmpty();
        assertThat(d.path("custom_fields")).isEmpty();
        assertThat(d.path("correspondent").isNull()).isTrue();
        assertThat(s.get("documents/" + b).path("tags")).hasSize(2);
    }

    /** Defect 5: an object whose name is all digits is found by name, not taken as an id. */
    @RealServersAtOnce
    void numericNamesAreNamesAndIntegersAreIds(RealServer s) {
        Routes r = new Routes(s);
        int doc = s.uploadText(s.unique("num"), s.unique("numeric names"));
        String digits = String.valueOf(900_000_000 + ThreadLocalRandom.current().nextInt(99_999_999));
        JsonNode year = s.create("tags", "year", Map.of("name", digits));
        JsonNode corr = s.create("correspondents", "year", Map.of("name", digits));

        r.call("paperless:documents?operation=addTag", List.of(doc), TAGS, digits);
        r.call("paperless:documents?operation=setCorrespondent", List.of(doc), CORRESPONDENT, digits);
        JsonNode d = s.get("documents/" + doc);
        assertThat(d.path("tags")).extracting(JsonNode::asInt).containsExactly(year.path("id").asInt());
        assertThat(d.path("correspondent").asInt()).isEqualTo(corr.path("id").asInt());

        // an Integer is an id
        JsonNode other = s.create("tags", "other");
        r.call("paperless:documents?operation=addTag", List.of(doc), TAGS, other.path("id").asInt());
        assertThat(s.get("documents/" + doc).path("tags")).extracting(JsonNode::asInt)
                .containsExactlyInAnyOrder(year.path("id").asInt(), other.path("id").asInt());

        // and an upload with the numeric name as metadata
        Exchange up = r.call("paperless:documents?operation=upload&waitForCompletion=true", s.unique("num up").getBytes(
                StandardCharsets.UTF_8), FILE_NAME, "n.txt", TAGS, List.of(digits), CORRESPONDENT, digits);
        int uploaded = up.getMessage().getHeader(ID, Integer.class);
        s.purgeLater(uploaded);
        assertThat(s.get("documents/" + uploaded).path("tags")).extracting(JsonNode::asInt)
                .containsExactly(year.path("id").asInt());
    }

    /** Defect 4: setPermissions without an owner keeps each document's owner. */
    @RealServersAtOnce
    void setPermissionsKeepsTheOwnerUnlessOneIsGiven(RealServer s) {
        Routes r = new Routes(s);
        int doc = s.uploadText(s.unique("perm"), s.unique("permissions"));
        int owner = s.get("documents/" + doc).path("owner").asInt();
        assertThat(owner).isPositive();
        int viewer = s.create("users", "viewer", Map.of("username", s.unique("viewer"), "password", "v-pw-1234"))
                .path("id").asInt();

        r.call("paperless:documents?operation=setPermissions", Map.of("set_permissions",
                Map.of("view", Map.of("users", List.of(viewer), "groups", List.of()))), DOCUMENT_IDS, List.of(doc));
        JsonNode d = s.get("documents/" + doc, Query.create().set("full_perms", "true"));
        assertThat(d.path("owner").asInt()).as("owner kept").isEqualTo(owner);
        assertThat(d.path("permissions").path("view").path("users")).extracting(JsonNode::asInt).containsExactly(viewer);

        // an explicit owner is applied; an explicit null clears it
        r.call("paperless:documents?operation=setPermissions", Map.of("set_permissions",
                Map.of("view", Map.of("users", List.of(), "groups", List.of())), "owner", viewer), DOCUMENT_IDS, List.of(doc));
        assertThat(s.get("documents/" + doc).path("owner").asInt()).isEqualTo(viewer);
        Map<String, Object> clear = new HashMap<>();
        clear.put("set_permissions", Map.of("view", Map.of("users", List.of(), "groups", List.of())));
        clear.put("owner", null);
        r.call("paperless:documents?operation=setPermissions", clear, DOCUMENT_IDS, List.of(doc));
        assertThat(s.get("documents/" + doc).path("owner").isNull()).isTrue();
    }

    @RealServersAtOnce
    void bulkDeleteReprocessAndBulkDownload(RealServer s) throws Exception {
        Routes r = new Routes(s);
        int a = s.uploadText(s.unique("zip-a"), s.unique("zip a"));
        int b = s.uploadText(s.unique("zip-b"), s.unique("zip b"));

        byte[] zip = r.read("paperless:documents?operation=bulkDownload&content=originals&compression=deflated",
                List.of(a, b)).getMessage().getBody(byte[].class);
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        assertThat(names).hasSize(2).allMatch(n -> n.endsWith(".txt"));

        // a document of its own: the server's reprocess task saves the document it read before, so a delete
        // made while that task runs is undone (Django re-inserts the row; 3.x clears deleted_at again)
        int c = s.uploadText(s.unique("reprocess"), s.unique("reprocess me"));
        JsonNode ok = r.json("paperless:documents?operation=reprocess", List.of(c));
        assertThat(ok.path("result").asText()).isEqualTo("OK");

        JsonNode deleted = r.json("paperless:documents?operation=bulkDelete", List.of(a, b));
        assertThat(deleted.path("result").asText()).isEqualTo("OK");
        for (int id : List.of(a, b)) {
            PaperlessApiException e = org.assertj.core.api.Assertions.catchThrowableOfType(PaperlessApiException.class,
                    () -> s.get("documents/" + id));
            assertThat(e.getStatusCode()).isEqualTo(404);
        }
    }

    /** Rotate and delete pages: in place on 2.x, a new version of the document on 3.x. */
    @RealServersAtOnce
    void rotateAndDeletePages(RealServer s) {
        Routes r = new Routes(s);
        int doc = pdf(s, "one", "two", "three");
        String before = checksum(s, doc);

        r.call("paperless:documents?operation=rotate&degrees=90", List.of(doc));
        awaitEdited(r, doc, before);

        String afterRotation = checksum(s, doc);
        r.call("paperless:documents?operation=deletePages", Map.of("pages", List.of(2)), DOCUMENT_IDS, List.of(doc));
        JsonNode latest = awaitEdited(r, doc, afterRotation);
        if (s.isV3()) {
            // the new version's text layer, read by the component with the version id
            assertThat(latest.path("content").asText()).contains("one").contains("three").doesNotContain("two");
            assertThat(s.get("documents/" + doc).path("versions")).hasSize(3);
        } else {
            // 2.x edits the file in place (its text comes from OCR, later: the page count is the check)
            assertThat(latest.path("page_count").asInt()).isEqualTo(2);
        }
    }

    /** The checksum of a document's newest file (its newest version on 3.x). */
    private static String checksum(RealServer s, int doc) {
        return s.get("documents/" + doc + "/metadata").path("original_checksum").asText();
    }

    /**
     * Waits until an edit of a document is stored (its newest file changed) and returns it as the component reads it:
     * on 3.x the newest version (get with the version id), on 2.x the document itself.
     */
    private static JsonNode awaitEdited(Routes r, int doc, String checksumBefore) {
        RealServer s = r.server();
        Await.until(CONSUME, "the edited file of document " + doc, () -> checksum(s, doc), c -> !c.equals(checksumBefore));
        if (!s.isV3()) {
            return r.json("paperless:documents?operation=get", doc);
        }
        int newest = -1;
        for (JsonNode v : s.get("documents/" + doc).path("versions")) {
            newest = Math.max(newest, v.path("id").asInt());
        }
        JsonNode version = r.json("paperless:documents?operation=get", doc, VERSION_ID, newest);
        JsonNode metadata = r.json("paperless:documents?operation=metadata", doc, VERSION_ID, newest);
        assertThat(metadata.path("original_checksum").asText()).isNotEqualTo(checksumBefore);
        return version;
    }

    @RealServersAtOnce
    void mergeAndSplitMakeNewDocuments(RealServer s) {
        Routes r = new Routes(s);
        int a = pdf(s, "merge-first");
        int b = pdf(s, "merge-second");
        JsonNode ok = r.json("paperless:documents?operation=merge", List.of(a, b));
        assertThat(ok.path("result").asText()).isEqualTo("OK");
        List<Integer> merged = Await.until(CONSUME, "the merged document", () -> madeFrom(s, a), l -> !l.isEmpty());
        JsonNode m = s.get("documents/" + merged.get(0));
        assertThat(m.path("page_count").asInt()).isEqualTo(2);
        if (s.isV3()) {
            // 3.x keeps the text layer; 2.x (OCR forced on these servers) reads the pages again, not always exactly
            assertThat(m.path("content").asText()).contains("merge-first").contains("merge-second");
        }

        int two = pdf(s, "split-left", "split-right");
        r.call("paperless:documents?operation=split", Map.of("pages", "1,2"), DOCUMENT_IDS, List.of(two));
        List<Integer> parts = Await.until(CONSUME, "the two split documents", () -> madeFrom(s, two), l -> l.size() >= 2);
        List<String> contents = new ArrayList<>();
        for (int part : parts) {
            JsonNode p = s.get("documents/" + part);
            assertThat(p.path("page_count").asInt()).isEqualTo(1);
            contents.add(p.path("content").asText());
        }
        if (s.isV3()) {
            assertThat(contents).anyMatch(c -> c.contains("split-left")).anyMatch(c -> c.contains("split-right"));
        }
    }

    @RealServersAtOnce
    void editPdfWritesANewDocumentFromPagesOfOne(RealServer s) {
        Routes r = new Routes(s);
        int doc = pdf(s, "edit-one", "edit-two");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("operations", List.of(Map.of("page", 2, "rotate", 90)));
        JsonNode ok = r.json("paperless:documents?operation=editPdf", body, DOCUMENT_IDS, List.of(doc));
        assertThat(ok.path("result").asText()).isEqualTo("OK");
        List<Integer> made = Await.until(CONSUME, "the edited copy", () -> madeFrom(s, doc), l -> !l.isEmpty());
        JsonNode copy = s.get("documents/" + made.get(0));
        assertThat(copy.path("page_count").asInt()).isEqualTo(1);
        if (s.isV3()) {
            assertThat(copy.path("content").asText()).contains("edit-two").doesNotContain("edit-one");
        }
    }

    @RealServersAtOnce
    void removePasswordOnThreeAndAClearErrorOnTwo(RealServer s) {
        Routes r = new Routes(s);
        byte[] locked = Samples.bytes("password-is-test.pdf");
        s.purgeContent(locked);
        int doc = s.upload(new UploadRequest(UploadSource.of(locked)).fileName("locked.pdf").title(s.unique("locked")));
        Map<String, Object> body = Map.of("password", "test", "update_document", true);
        if (!s.isV3()) {
            Exception e = r.failure("paperless:documents?operation=removePassword", body, DOCUMENT_IDS, List.of(doc));
            assertThat(e).isInstanceOf(PaperlessUnsupportedException.class).hasMessage(
                    "removePassword (remove_password) needs Paperless-ngx 3.0 or newer; the server is Paperless-ngx "
                    + s.serverVersion());
            return;
        }
        String before = checksum(s, doc);
        JsonNode ok = r.json("paperless:documents?operation=removePassword", body, DOCUMENT_IDS, List.of(doc));
        assertThat(ok.path("result").asText()).isEqualTo("OK");
        awaitEdited(r, doc, before);
        byte[] file = r.read("paperless:documents?operation=download&original=true", doc).getMessage().getBody(byte[].class);
        assertThat(new String(file, StandardCharsets.ISO_8859_1)).startsWith("%PDF").doesNotContain("/Encrypt");
    }
}
