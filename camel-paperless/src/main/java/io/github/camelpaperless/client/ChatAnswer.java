package io.github.camelpaperless.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelpaperless.client.model.ChatReference;

/**
 * The answer of the document chat ({@code POST /api/documents/chat/}), streamed as the server's AI writes it: the
 * UTF-8 text of the answer, readable while it arrives (nothing is buffered beyond a few bytes). Paperless-ngx sends
 * the documents the answer drew on as a trailer after the text ({@code \n\n__PAPERLESS_CHAT_METADATA__{"references":...}});
 * this stream leaves the trailer out of the text and offers it as {@link #references()} once the text was read to
 * its end. A line end the server wrote just before pausing is handed on at once (a route splitting on lines sees the
 * line); should the trailer follow right after it, that line end stays at the end of the text. Close it to release
 * the connection.
 */
public final class ChatAnswer extends InputStream {

    static final byte[] DELIMITER = "\n\n__PAPERLESS_CHAT_METADATA__".getBytes(StandardCharsets.UTF_8);
    private static final int MAX_TRAILER = 1024 * 1024;

    private final Download download;
    private final InputStream in;
    private final ObjectMapper mapper;
    /** Bytes read but held back: they may be the start of the trailer's delimiter. */
    private byte[] held = new byte[0];
    /** Bytes ready to be returned. */
    private byte[] ready = new byte[0];
    private int readyPos;
    private boolean ended;
    /** How many newlines were handed on at a pause although they might begin the trailer. */
    private int emittedNewlines;
    private List<ChatReference> references = List.of();

    ChatAnswer(Download download, ObjectMapper mapper) {
        this.download = download;
        this.in = download.stream();
        this.mapper = mapper;
    }

    /**
     * The documents the answer drew on (at most three, as the server sends them); empty until the answer was read to
     * its end, and when the server sent none.
     */
    public List<ChatReference> references() {
        return references;
    }

    /** The answer as characters, while it arrives (UTF-8). */
    public Reader reader() {
        return new InputStreamReader(this, StandardCharsets.UTF_8);
    }

    /** Reads the whole answer (buffered) and closes the stream. */
    public String text() throws IOException {
        try (InputStream self = this) {
            return new String(self.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (readyPos >= ready.length) {
            if (ended) {
                return -1;
            }
            fill();
        }
        int n = Math.min(len, ready.length - readyPos);
        System.arraycopy(ready, readyPos, b, off, n);
        readyPos += n;
        return n;
    }

    @Override
    public int available() {
        return ready.length - readyPos;
    }

    /** Reads what the server sent next (blocks until something arrives) and decides what can be handed on. */
    private void fill() throws IOException {
        if (held.length > 0 && onlyNewlines(held) && in.available() == 0) {
            // the server paused after a line: hand the line end on now rather than wait to see whether the trailer
            // follows (if it does, these newlines were its start and stay in the text)
            ready = held;
            readyPos = 0;
            emittedNewlines = held.length;
            held = new byte[0];
            return;
        }
        byte[] buf = new byte[8192];
        int n = in.read(buf);
        if (n < 0) {
            ready = held;
            readyPos = 0;
            held = new byte[0];
            ended = true;
            return;
        }
        // search the newlines handed on last (they may begin the trailer), what was held back and the new bytes
        int k = emittedNewlines;
        byte[] data = new byte[k + held.length + n];
        Arrays.fill(data, 0, k, (byte) '\n');
        System.arraycopy(held, 0, data, k, held.length);
        System.arraycopy(buf, 0, data, k + held.length, n);
        emittedNewlines = 0;
        int at = indexOf(data, DELIMITER);
        if (at >= 0) {
            ready = at > k ? Arrays.copyOfRange(data, k, at) : new byte[0];
            readyPos = 0;
            held = new byte[0];
            ended = true;
            byte[] rest = Arrays.copyOfRange(data, at + DELIMITER.length, data.length);
            byte[] more = in.readNBytes(MAX_TRAILER);
            byte[] trailer = new byte[rest.length + more.length];
            System.arraycopy(rest, 0, trailer, 0, rest.length);
            System.arraycopy(more, 0, trailer, rest.length, more.length);
            references = parse(trailer);
            return;
        }
        int keep = Math.min(partialMatch(data, DELIMITER), data.length - k);
        ready = Arrays.copyOfRange(data, k, data.length - keep);
        readyPos = 0;
        held = Arrays.copyOfRange(data, data.length - keep, data.length);
    }

    private static boolean onlyNewlines(byte[] bytes) {
        for (byte b : bytes) {
            if (b != '\n') {
                return false;
            }
        }
        return true;
    }

    private List<ChatReference> parse(byte[] trailer) {
        try {
            JsonNode node = mapper.readTree(trailer);
            JsonNode refs = node == null ? null : node.get("references");
            if (refs == null || !refs.isArray()) {
                return List.of();
            }
            return List.of(mapper.convertValue(refs, ChatReference[].class));
        } catch (IOException | IllegalArgumentException e) {
            throw new PaperlessUnexpectedResponseException(
                    "The chat answer's trailer is not the JSON Paperless-ngx sends (" + e.getMessage() + ")", 200,
                    ErrorMapper.excerpt(new String(trailer, StandardCharsets.UTF_8)), e);
        }
    }

    static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The length of the longest end of {@code data} that is a start of {@code pattern}. */
    static int partialMatch(byte[] data, byte[] pattern) {
        for (int k = Math.min(pattern.length - 1, data.length); k > 0; k--) {
            boolean match = true;
            for (int j = 0; j < k; j++) {
                if (data[data.length - k + j] != pattern[j]) {
                    match = false;
                    break;
                }
            }
            if (match) {
                return k;
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        download.close();
    }
}
