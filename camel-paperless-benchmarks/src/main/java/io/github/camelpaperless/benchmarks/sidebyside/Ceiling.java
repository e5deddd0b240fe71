package io.github.camelpaperless.benchmarks.sidebyside;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The fake's own ceiling: one keep-alive socket, hand-written requests, answers skipped by their Content-Length — no
 * HTTP client, no JSON. A contender near this figure is measuring the fake, not itself.
 */
final class Ceiling {

    private Ceiling() {
    }

    /** Documents per second reading every page of {@code pageSize}. */
    static double pages(FakePaperless fake, int pageSize) throws IOException {
        long t0 = System.nanoTime();
        int pages = (fake.documents() + pageSize - 1) / pageSize;
        try (Socket s = new Socket("127.0.0.1", fake.port())) {
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            InputStream in = new BufferedInputStream(s.getInputStream(), 1 << 16);
            for (int p = 1; p <= pages; p++) {
                out.write(("GET /api/documents/?page=" + p + "&page_size=" + pageSize + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                           + "Authorization: Token bench\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                skip(in, contentLength(in));
            }
        }
        return fake.documents() / ((System.nanoTime() - t0) / 1e9);
    }

    /** Uploads per second: small multipart POSTs on one connection. */
    static double uploads(FakePaperless fake, int n) throws IOException {
        String body = "--b\r\nContent-Disposition: form-data; name=\"document\"; filename=\"b.txt\"\r\n\r\n"
                      + "x".repeat(21) + "\r\n--b--\r\n";
        long t0 = System.nanoTime();
        try (Socket s = new Socket("127.0.0.1", fake.port())) {
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            InputStream in = new BufferedInputStream(s.getInputStream(), 1 << 16);
            for (int i = 0; i < n; i++) {
                out.write(("POST /api/documents/post_document/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/"
                           + "form-data; boundary=b\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                skip(in, contentLength(in));
            }
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    /** MiB per second of one download. */
    static double download(FakePaperless fake) throws IOException {
        long t0 = System.nanoTime();
        long n;
        try (Socket s = new Socket("127.0.0.1", fake.port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = new BufferedInputStream(s.getInputStream(), 1 << 16);
            out.write("GET /api/documents/1/download/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            n = contentLength(in);
            skip(in, n);
        }
        return n / 1048576.0 / ((System.nanoTime() - t0) / 1e9);
    }

    private static long contentLength(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        long length = 0;
        for (int c; (c = in.read()) >= 0;) {
            if (c == '\n') {
                String l = line.toString().trim();
                if (l.isEmpty()) {
                    return length;
                }
                if (l.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Long.parseLong(l.substring(15).trim());
                }
                line.setLength(0);
            } else {
                line.append((char) c);
            }
        }
        throw new IOException("connection closed in the headers");
    }

    private static void skip(InputStream in, long n) throws IOException {
        while (n > 0) {
            long k = in.skip(n);
            if (k <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed in the body");
                }
                k = 1;
            }
            n -= k;
        }
    }
}
