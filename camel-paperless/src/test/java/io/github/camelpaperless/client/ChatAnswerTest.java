package io.github.camelpaperless.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chat answer's text/trailer split, however the server's bytes are cut into reads. */
class ChatAnswerTest {

    /** Hands out at most {@code step} bytes per read, like a network delivering small chunks. */
    static InputStream trickle(String s, int step) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    static ChatAnswer answer(InputStream in) {
        return new ChatAnswer(new Download(new BasicClassicHttpResponse(200), in), PaperlessJson.mapper());
    }

    @Test
    void theTrailerIsCutOffTheTextAtAnyChunkBoundary() throws IOException {
        String text = "Line one.\n\nA paragraph with __PAPERLESS but no trailer.\nÜmlaut €";
        String body = text + "\n\n__PAPERLESS_CHAT_METADATA__{\"references\":[{\"id\":3,\"title\":\"A\"},{\"id\":9,\"title\":\"B\"}]}";
        for (int step : new int[] { 1, 2, 3, 7, 30, 8192 }) {
            ChatAnswer a = answer(trickle(body, step));
            assertThat(a.references()).as("not before the end").isEmpty();
            assertThat(a.text()).as("step " + step).isEqualTo(text);
            assertThat(a.references()).extracting(r -> r.id()).containsExactly(3, 9);
        }
    }

    @Test
    void anAnswerWithoutTrailerIsAllText() throws IOException {
        for (String text : new String[] { "", "Sorry, I couldn't find any content to answer your question.", "ends with\n\n" }) {
            ChatAnswer a = answer(trickle(text, 3));
            assertThat(a.text()).isEqualTo(text);
            assertThat(a.references()).isEmpty();
        }
    }

    /** A server that pauses after a line end: the line end is handed on, and a trailer right after it is still cut. */
    @Test
    void aLineEndBeforeAPauseIsHandedOnAndTheTrailerStillCut() throws IOException {
        InputStream paused = new InputStream() {
            final byte[][] parts = { "First line\n".getBytes(StandardCharsets.UTF_8),
                                     "\n__PAPERLESS_CHAT_METADATA__{\"references\":[{\"id\":5,\"title\":\"T\"}]}"
                                             .getBytes(StandardCharsets.UTF_8) };
            int part;
            int pos;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (part >= parts.length) {
                    return -1;
                }
                int n = Math.min(len, parts[part].length - pos);
                System.arraycopy(parts[part], pos, b, off, n);
                pos += n;
                if (pos == parts[part].length) {
                    part++;
                    pos = 0;
                }
                return n;
            }

            @Override
            public int available() {
                return 0; // each part is all there is until the next read
            }
        };
        ChatAnswer a = answer(paused);
        byte[] first = new byte[64];
        int n = a.read(first, 0, first.length);
        int m = n < 11 ? a.read(first, n, first.length - n) : 0;
        assertThat(new String(first, 0, n + Math.max(m, 0), StandardCharsets.UTF_8)).isEqualTo("First line\n");
        assertThat(a.text()).isEmpty();
        assertThat(a.references()).extracting(r -> r.id()).containsExactly(5);
    }

    @Test
    void aBrokenTrailerIsReportedNotSwallowed() {
        ChatAnswer a = answer(trickle("ok\n\n__PAPERLESS_CHAT_METADATA__{not json", 4));
        assertThatThrownBy(a::text).isInstanceOf(PaperlessUnexpectedResponseException.class).hasMessageContaining("trailer");
    }
}
