package io.github.camelpaperless.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelpaperless.client.PaperlessDuplicateException;
import io.github.camelpaperless.client.Query;
import io.github.camelpaperless.client.model.Document;
import io.github.camelpaperless.client.model.Task;
import io.github.camelpaperless.it.support.Await;
import io.github.camelpaperless.it.support.RealServer;
import io.github.camelpaperless.it.support.RealServersAtOnce;
import io.github.camelpaperless.it.support.Routes;
import io.github.camelpaperless.it.support.Samples;
import org.apache.camel.Exchange;

import static io.github.camelpaperless.component.PaperlessConstants.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Uploading, reading, downloading, searching, notes, updates and deletes of documents. */
class DocumentsIT {

    static byte[] text(RealServer s, String what) {
        return (s.unique(what) + " invoice for a real server test\n").getBytes(StandardCharsets.UTF_8);
    }

    @RealServersAtOnce
    void uploadWithEveryMetadataWaitsForTheDocument(RealServer s) {
        Routes r = new Routes(s);
        String correspondent = s.unique("Acme");
        String type = s.unique("Invoice");
        String tag1 = s.unique("tax");
        String tag2 = s.unique("paid");
        String field = s.create("custom_fields", "ref", Map.of("data_type", "string")).path("name").asText();
        long asn = 100_000_000L + ThreadLocalRandom.current().nextInt(800_000_000);
        String title = s.unique("Title");

        Exchange ex = r.call("paperless:documents?operation=upload&waitForCompletion=true&createMissing=true",
                text(s, "upload"), FILE_NAME, "letter.txt", TITLE, title, CREATED, "2024-03-05", CORRESPONDENT, correspondent,
                DOCUMENT_TYPE, type, TAGS, List.of(tag1, tag2), ARCHIVE_SERIAL_NUMBER, asn, CUSTOM_FIELDS,
                Map.of(field, "R-42"));
        Document d = ex.getMessage().getBody(Document.class);
        s.purgeLater(d.id());
        s.deleteLater("correspondents", d.correspondent());
        s.deleteLater("document_types", d.documentType());
        d.tags().forEach(t -> s.deleteLater("tags", t));

        assertThat(ex.getMessage().getHeader(ID, Integer.class)).isEqualTo(d.id());
        assertThat(ex.getMessage().getHeader(TASK_ID, String.class)).matches("[0-9a-f-]{36}");
        assertThat(ex.getMessage().getHeader(TASK_STATUS, String.class)).isEqualToIgnoringCase("success");
        assertThat(ex.getMessage().getHeader(API_VERSION, Integer.class)).isEqualTo(s.apiVersion());
        assertThat(ex.getMessage().getHeader(SERVER_VERSION, String.class)).isEqualTo(s.serverVersion());

        JsonNode stored = s.get("documents/" + d.id());
        assertThat(stored.path("title").asText()).isEqualTo(title);
        assertThat(stored.path("created").asText()).startsWith("2024-03-05");
        assertThat(stored.path("archive_serial_number").asLong()).isEqualTo(asn);
        assertThat(stored.path("original_file_name").asText()).isEqualTo("letter.txt");
        assertThat(s.get("correspondents/" + d.correspondent()).path("name").asText()).isEqualTo(correspondent);
        assertThat(s.get("document_types/" + d.documentType()).path("name").asText()).isEqualTo(type);
        assertThat(d.tags()).hasSize(2);
        assertThat(stored.path("custom_fields")).hasSize(1);
        assertThat(stored.path("custom_fields").get(0).path("value").asText()).isEqualTo("R-42");
    }

    @RealServersAtOnce
    void uploadReturnsTheTaskThenPollAndGetFollowIt(RealServer s) {
        Routes r = new Routes(s);
        Exchange up = r.call("paperless:documents?operation=upload", text(s, "poll"), FILE_NAME, "poll.txt");
        String task = up.getMessage().getBody(String.class);
        assertThat(up.getMessage().getHeader(TASK_ID, String.class)).isEqualTo(task);

        Exchange polled = r.call("paperless:tasks?operation=poll&pollInterval=200", null, TASK_ID, task);
        Task t = polled.getMessage().getBody(Task.class);
        assertThat(t.isSuccess()).isTrue();
        s.purgeLater(t.documentId());
        assertThat(polled.getMessage().getHeader(ID, Integer.class)).isEqualTo(t.documentId());

        Task byUuid = (Task) r.body("paperless:tasks?operation=get", null, TASK_ID, task);
        assertThat(byUuid.documentId()).isEqualTo(t.documentId());
        Task byId = (Task) r.body("paperless:tasks?operation=get", null, ID, byUuid.id());
        assertThat(byId.taskId()).isEqualTo(task);
    }

    @RealServersAtOnce
    void duplicatesSkipAndFailReportTheChecksumTheServerMatched(RealServer s) {
        Routes r = new Routes(s);
        byte[] content = text(s, "dup");
        Document first = (Document) r.body("paperless:documents?operation=upload&waitForCompletion=true", content,
                FILE_NAME, "dup.txt");
        s.purgeLater(first.id());

        Exchange skipped = r.call("paperless:documents?operation=upload&duplicates=skip&waitForCompletion=true", content,
                FILE_NAME, "dup-again.txt");
        assertThat(skipped.getMessage().getHeader(DUPLICATE_OF, Integer.class)).isEqualTo(first.id());
        assertThat(skipped.getMessage().getBody(Document.class).id()).isEqualTo(first.id());

        Exception e = r.failure("paperless:documents?operation=upload&duplicates=fail", content, FILE_NAME, "dup3.txt");
        assertThat(e).isInstanceOf(PaperlessDuplicateException.class);
        PaperlessDuplicateException dup = (PaperlessDuplicateException) e;
        assertThat(dup.getDuplicateOf()).isEqualTo(first.id());
        // the checksum the server stores and matched: MD5 on 2.x, SHA-256 on 3.x
        String stored = s.get("documents/" + first.id() + "/metadata").path("original_checksum").asText();
        assertThat(dup.getChecksum()).isEqualTo(stored);
        assertThat(dup.getMessage()).contains(stored);

        // findDuplicate answers the same question without uploading
        JsonNode found = r.json("paperless:documents?operation=findDuplicate", content);
        assertThat(found).extracting(n -> n.path("id").asInt()).containsExactly(first.id());
    }

    @RealServersAtOnce
    void firstOperationOfAFreshEndpointSetsTheVersionHeaders(RealServer s) {
        for (String op : List.of("list", "page", "get")) {
            Routes fresh = new Routes(s);
            int tag = s.create("tags", "hdr").path("id").asInt();
            Exchange ex = fresh.call("paperless:tags?operation=" + op + "&filter.id=" + tag, null, ID, tag);
            assertThat(ex.getMessage().getHeader(API_VERSION, Integer.class)).as(op).isEqualTo(s.apiVersion());
            assertThat(ex.getMessage().getHeader(SERVER_VERSION, String.class)).as(op).isEqualTo(s.serverVersion());
        }
    }

    @RealServersAtOnce
    void readsListsPagesAndFiles(RealServer s) throws Exception {
        Routes r = new Routes(s);
        String marker = s.unique("readable");
        byte[] pdf = io.github.camelpaperless.it.support.Pdfs.pages(marker + " first page");
        int id = s.upload(new io.github.camelpaperless.client.UploadRequest(
                io.github.camelpaperless.client.UploadSource.of(pdf)).fileName(marker + ".pdf").title(marker));

        Document got = (Document) r.body("paperless:documents?operation=get", id);
        assertThat(got.title()).isEqualTo(marker);
        assertThat(got.pageCount()).isEqualTo(1);

        JsonNode listed = r.json("paperless:documents?filter.title__iexact=" + marker, null);
        assertThat(listed).extracting(n -> n.path("id").asInt()).containsExactly(id);
        Exchange page = r.call("paperless:documents?operation=page&truncateContent=true", null, FILTERS,
                Map.of("title__iexact", marker));
        assertThat(page.getMessage().getHeader(COUNT, Long.class)).isEqualTo(1L);

        // a route's walk over every document in pages of 2, the next page read ahead: the server's listing, in order
        List<Integer> before = ids(s.get("documents", Query.create().set("page_size", 100000).set("ordering", "id")));
        io.github.camelpaperless.client.PagedIterable<?> walk = (io.github.camelpaperless.client.PagedIterable<?>) r.body(
                "paperless:documents?pageSize=2&ordering=id&truncateContent=true", null);
        assertThat(walk.readsAhead()).isTrue();
        List<Integer> walked = walk.stream().map(d -> ((Document) d).id()).toList();
        List<Integer> after = ids(s.get("documents", Query.create().set("page_size", 100000).set("ordering", "id")));
        assertThat(walked).as("every page once, in order").isSorted().doesNotHaveDuplicates().contains(id)
                .containsAll(before);
        assertThat(after).containsAll(walked);

        // original: the bytes we sent; archive: a PDF the server made
        Exchange original = r.read("paperless:documents?operation=download&original=true", id);
        assertThat(original.getMessage().getBody(byte[].class)).isEqualTo(pdf);
        assertThat(original.getMessage().getHeader(FILE_NAME, String.class)).endsWith(".pdf");
        assertThat(original.getMessage().getHeader(CONTENT_TYPE, String.class)).startsWith("application/pdf");
        byte[] archive = r.read("paperless:documents?operation=download", id).getMessage().getBody(byte[].class);
        assertThat(new String(archive, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        assertThat(archive).isNotEqualTo(pdf);
        byte[] preview = r.read("paperless:documents?operation=preview", id).getMessage().getBody(byte[].class);
        assertThat(new String(preview, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        byte[] thumb = r.read("paperless:documents?operation=thumbnail", id).getMessage().getBody(byte[].class);
        assertThat(new String(thumb, 8, 4, StandardCharsets.ISO_8859_1)).isEqualTo("WEBP");
        assertThat(s.client().poolStats().getLeased()).isZero();

        JsonNode metadata = r.json("paperless:documents?operation=metadata", id);
        assertThat(metadata.path("original_mime_type").asText()).isEqualTo("application/pdf");
        assertThat(metadata.path("original_checksum").asText()).isNotBlank();
        JsonNode suggestions = r.json("paperless:documents?operation=suggestions", id);
        assertThat(suggestions.has("tags")).isTrue();

        Object rendered = r.body("paperless:storage_paths?operation=test", Map.of("path", "{{ title }}/{{ original_name }}",
                "document", id));
        // 3.x appends the file's extension, 2.x does not
        assertThat(rendered.toString()).isIn(marker + "/" + marker, marker + "/" + marker + ".pdf");

        JsonNode history = r.json("paperless:documents?operation=history", id);
        assertThat(history.isArray()).isTrue();
        Object next = r.body("paperless:documents?operation=nextAsn", null);
        assertThat((Long) next).isPositive();
        JsonNode selection = r.json("paperless:documents?operation=selectionData", List.of(id));
        assertThat(selection.has("selected_tags")).isTrue();
        if (s.isV3()) {
            assertThat(r.body("paperless:documents?operation=root", id)).isEqualTo(id);
        }
    }

    @RealServersAtOnce
    void notesAddListDelete(RealServer s) {
        Routes r = new Routes(s);
        int id = s.uploadText(s.unique("notes"), s.unique("notes content"));
        JsonNode added = r.json("paperless:documents?operation=addNote", "Paid on time", ID, id);
        assertThat(added).hasSize(1);
        assertThat(added.get(0).path("note").asText()).isEqualTo("Paid on time");
        int noteId = added.get(0).path("id").asInt();
        assertThat(r.json("paperless:documents?operation=notes", id)).hasSize(1);
        JsonNode left = r.json("paperless:documents?operation=deleteNote", null, ID, id, NOTE_ID, noteId);
        assertThat(left).isEmpty();
        assertThat(s.get("documents/" + id + "/notes")).isEmpty();
    }

    @RealServersAtOnce
    void updateReplaceAndDelete(RealServer s) {
        Routes r = new Routes(s);
        int id = s.uploadText(s.unique("upd"), s.unique("update content"));
        String title = s.unique("updated");
        Document updated = (Document) r.body("paperless:documents?operation=update", Map.of("title", title), ID, id);
        assertThat(updated.title()).isEqualTo(title);
        assertThat(s.get("documents/" + id).path("title").asText()).isEqualTo(title);

        JsonNode current = s.get("documents/" + id);
        Map<String, Object> full = new java.util.LinkedHashMap<>();
        full.put("title", s.unique("replaced"));
        // PUT needs every required field; null clears
        full.put("correspondent", null);
        full.put("document_type", null);
        full.put("storage_path", null);
        full.put("created", current.path("created").asText());
        full.put("tags", List.of());
        r.call("paperless:documents?operation=replace", full, ID, id);
        assertThat(s.get("documents/" + id).path("title").asText()).isEqualTo(full.get("title"));

        assertThat(r.body("paperless:documents?operation=delete", id)).isEqualTo(Boolean.TRUE);
        JsonNode trash = s.get("trash", Query.create().set("page_size", 100000));
        assertThat(trash.path("results")).extracting(n -> n.path("id").asInt()).contains(id);
    }

    /** Defect 8: update merges custom fields by default; replace sets exactly the given ones (and so removes others). */
    @RealServersAtOnce
    void updateCustomFieldsMergeOrReplace(RealServer s) {
        Routes r = new Routes(s);
        JsonNode ref = s.create("custom_fields", "ref", Map.of("data_type", "string"));
        JsonNode amount = s.create("custom_fields", "amount", Map.of("data_type", "integer"));
        int id = s.uploadText(s.unique("cf"), s.unique("custom fields"));
        r.call("paperless:documents?operation=update", Map.of("custom_fields", Map.of(ref.path("name").asText(), "A-1")),
                ID, id);
        r.call("paperless:documents?operation=update", Map.of("custom_fields", Map.of(amount.path("id").asInt(), 12)),
                ID, id);
        assertThat(s.get("documents/" + id).path("custom_fields")).extracting(n -> n.path("field").asInt())
                .containsExactlyInAnyOrder(ref.path("id").asInt(), amount.path("id").asInt());

        r.call("paperless:documents?operation=update&customFieldsUpdate=replace", Map.of("custom_fields",
                Map.of(amount.path("name").asText(), 13)), ID, id);
        JsonNode fields = s.get("documents/" + id).path("custom_fields");
        assertThat(fields).hasSize(1);
        assertThat(fields.get(0).path("field").asInt()).isEqualTo(amount.path("id").asInt());
        assertThat(fields.get(0).path("value").asInt()).isEqualTo(13);
        r.call("paperless:documents?operation=update&customFieldsUpdate=replace", Map.of("custom_fields", Map.of()), ID, id);
        assertThat(s.get("documents/" + id).path("custom_fields")).isEmpty();
    }

    @RealServersAtOnce
    void everySampleDocumentUploadsAndDownloadsByteForByte(RealServer s) throws Exception {
        Routes r = new Routes(s);
        for (String name : List.of("simple.txt", "simple.pdf", "simple.png")) {
            byte[] content = Samples.bytes(name);
            s.purgeContent(content);
            Document d = (Document) r.body("paperless:documents?operation=upload&waitForCompletion=true", content,
                    FILE_NAME, name);
            s.purgeLater(d.id());
            Exchange dl = r.read("paperless:documents?operation=download&original=true", d.id());
            assertThat(dl.getMessage().getBody(byte[].class)).as(name).isEqualTo(content);
        }
    }

    @RealServersAtOnce
    void searchMoreLikeAndAutocomplete(RealServer s) {
        Routes r = new Routes(s);
        String word = "zq" + s.unique("w").replaceAll("[^a-z0-9]", "");
        int id = s.uploadText(s.unique("search"), word + " quarterly statement");
        // the search index is updated right after consumption, but not in the same transaction: wait for it
        JsonNode hits = Await.until(Duration.ofSeconds(20), "the search hit for " + word,
                () -> r.json("paperless:documents?operation=search", null, QUERY, word),
                h -> h.size() > 0);
        assertThat(hits).extracting(n -> n.path("id").asInt()).containsExactly(id);
        assertThat(hits.get(0).path("__search_hit__").path("highlights").asText()).contains(word);
        JsonNode similar = r.json("paperless:documents?operation=moreLike&maxResults=5", id);
        assertThat(similar.isArray()).isTrue();
        JsonNode words = r.json("paperless:documents?operation=autocomplete&limit=5", null, QUERY, word.substring(0, 6));
        assertThat(words).extracting(JsonNode::asText).contains(word);
    }

    private static List<Integer> ids(JsonNode page) {
        List<Integer> ids = new java.util.ArrayList<>();
        page.path("results").forEach(n -> ids.add(n.path("id").asInt()));
        return ids;
    }
}
