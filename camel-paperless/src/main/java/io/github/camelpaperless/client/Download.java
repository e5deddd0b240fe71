package io.github.camelpaperless.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.hc.core5.http.ClassicHttpResponse;

/**
 * A streamed response body (document download, preview, thumbnail, zip). The stream reads straight from the
 * connection: nothing is buffered in memory. Close it (or the {@code Download}) to release the connection. A body cut
 * off before its announced length raises an {@link IOException} when read; it never ends silently.
 */
public final class Download implements Closeable {

    private static final Pattern FILENAME_STAR = Pattern.compile("(?i)filename\\*\\s*=\\s*([^']*)'[^']*'([^;]+)");
    private static final Pattern FILENAME = Pattern.compile("(?i)(?:^|;)\\s*filename\\s*=\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^;]+)");

    private final ResponseStream stream;
    private final String fileName;
    private final String contentType;
    private final long contentLength;
    private final String dispositionType;

    Download(ClassicHttpResponse response, InputStream body) {
        this.stream = new ResponseStream(response, body);
        String cd = header(response, "Content-Disposition");
        this.fileName = fileName(cd);
        this.dispositionType = cd == null ? null : cd.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        String ct = header(response, "Content-Type");
        this.contentType = ct;
        long len = -1;
        String cl = header(response, "Content-Length");
        if (cl != null) {
            try {
                len = Long.parseLong(cl.trim());
            } catch (NumberFormatException ignore) {
                // unknown
            }
        }
        this.contentLength = len;
    }

    private static String header(ClassicHttpResponse r, String name) {
        return r.getFirstHeader(name) == null ? null : r.getFirstHeader(name).getValue();
    }

    /**
     * The file name from a {@code Content-Disposition} header (RFC 6266): {@code filename*=UTF-8''...} (RFC 5987)
     * wins over {@code filename="..."}.
     */
    public static String fileName(String contentDisposition) {
        if (contentDisposition == null) {
            return null;
        }
        Matcher star = FILENAME_STAR.matcher(contentDisposition);
        if (star.find()) {
            String charset = star.group(1).isBlank() ? "UTF-8" : star.group(1).trim();
            String value = star.group(2).trim();
            try {
                return URLDecoder.decode(value.replace("+", "%2B"), charset.toUpperCase(Locale.ROOT));
            } catch (Exception e) {
                return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
            }
        }
        Matcher m = FILENAME.matcher(contentDisposition);
        if (m.find()) {
            if (m.group(2) != null) {
                return m.group(2).replaceAll("\\\\(.)", "$1");
            }
            return m.group(1).trim();
        }
        return null;
    }

    /** The body; read it once and close it. */
    public ResponseStream stream() {
        return stream;
    }

    /** The file name the server suggested, or {@code null}. */
    public String fileName() {
        return fileName;
    }

    /** {@code attachment} (download) or {@code inline} (preview), from {@code Content-Disposition}; or {@code null}. */
    public String dispositionType() {
        return dispositionType;
    }

    /** The {@code Content-Type} header, or {@code null}. */
    public String contentType() {
        return contentType;
    }

    /** The {@code Content-Length}, or -1 when unknown (chunked). */
    public long contentLength() {
        return contentLength;
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
