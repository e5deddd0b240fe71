package io.github.camelpaperless.client;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.hc.client5.http.entity.mime.ByteArrayBody;
import org.apache.hc.client5.http.entity.mime.ContentBody;
import org.apache.hc.client5.http.entity.mime.FileBody;
import org.apache.hc.client5.http.entity.mime.InputStreamBody;
import org.apache.hc.core5.http.ContentType;

/**
 * The content of a document to upload: a file, a path, a stream, bytes or text. Files and streams are sent as they are
 * read, never loaded whole into memory. Close the source to delete a temporary spool file, if one was made.
 */
public abstract class UploadSource implements Closeable {

    private UploadSource() {
    }

    public static UploadSource of(File file) {
        return of(file.toPath());
    }

    public static UploadSource of(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("Cannot upload " + path + ": not a readable file");
        }
        return new PathSource(path, false);
    }

    /** A stream, read once while uploading (the caller still owns and closes it). */
    public static UploadSource of(InputStream in) {
        return new StreamSource(in);
    }

    public static UploadSource of(byte[] bytes) {
        return new BytesSource(bytes);
    }

    /** Text content, sent as UTF-8. */
    public static UploadSource ofText(String text) {
        return new BytesSource(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The file's own name, if the source has one. */
    public abstract String fileName();

    /** The length in bytes, or -1 when unknown. */
    public abstract long length();

    /**
     * Fails with a clear message when there is nothing to upload.
     *
     * @throws IllegalArgumentException for an empty source
     */
    public abstract void requireNotEmpty();

    abstract ContentBody body(ContentType contentType, String fileName);

    /** Whether the content can be read more than once (needed to compute a checksum before uploading). */
    abstract boolean isRereadable();

    abstract InputStream open() throws IOException;

    /**
     * A source that can be read twice: this one if it can, else the stream spooled to a temporary file (deleted on
     * close) while its checksums are computed.
     */
    public UploadSource rereadable() {
        if (isRereadable()) {
            return this;
        }
        try {
            Path tmp = Files.createTempFile("paperless-upload-", ".tmp");
            try (InputStream in = open(); OutputStream out = Files.newOutputStream(tmp)) {
                in.transferTo(out);
            }
            return new PathSource(tmp, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot spool the upload to a temporary file", e);
        }
    }

    /** MD5 and SHA-256 of the content (reads it once, in constant memory). */
    public Checksums checksums() {
        if (!isRereadable()) {
            throw new IllegalStateException("call rereadable() first: a stream can be read only once");
        }
        try (InputStream in = open()) {
            return Checksums.of(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the document to compute its checksum", e);
        }
    }

    /** One digest of the content ({@code SHA-256}, {@code MD5}), hex (reads it once, in constant memory). */
    public String digest(String algorithm) {
        if (!isRereadable()) {
            throw new IllegalStateException("call rereadable() first: a stream can be read only once");
        }
        try (InputStream in = open()) {
            java.security.MessageDigest d = java.security.MessageDigest.getInstance(algorithm);
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
            }
            return java.util.HexFormat.of().formatHex(d.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the document to compute its checksum", e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " not available", e);
        }
    }

    @Override
    public void close() {
        // nothing by default
    }

    private static final class PathSource extends UploadSource {
        private final Path path;
        private final boolean temporary;

        PathSource(Path path, boolean temporary) {
            this.path = path;
            this.temporary = temporary;
        }

        @Override
        public String fileName() {
            return temporary ? null : path.getFileName().toString();
        }

        @Override
        public long length() {
            try {
                return Files.size(path);
            } catch (IOException e) {
                return -1;
            }
        }

        @Override
        public void requireNotEmpty() {
            if (length() == 0) {
                throw new IllegalArgumentException("Cannot upload " + (temporary ? "the document" : path.getFileName())
                                                   + ": it is empty (0 bytes)");
            }
        }

        @Override
        ContentBody body(ContentType contentType, String fileName) {
            return new FileBody(path.toFile(), contentType, fileName);
        }

        @Override
        boolean isRereadable() {
            return true;
        }

        @Override
        InputStream open() throws IOException {
            return Files.newInputStream(path);
        }

        @Override
        public void close() {
            if (temporary) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignore) {
                    path.toFile().deleteOnExit();
                }
            }
        }
    }

    private static final class StreamSource extends UploadSource {
        private final PushbackInputStream in;

        StreamSource(InputStream in) {
            this.in = new PushbackInputStream(in, 1);
        }

        @Override
        public String fileName() {
            return null;
        }

        @Override
        public long length() {
            return -1;
        }

        @Override
        public void requireNotEmpty() {
            try {
                int b = in.read();
                if (b < 0) {
                    throw new IllegalArgumentException("Cannot upload the document: the stream is empty (0 bytes)");
                }
                in.unread(b);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the document stream", e);
            }
        }

        @Override
        ContentBody body(ContentType contentType, String fileName) {
            return new InputStreamBody(in, contentType, fileName);
        }

        @Override
        boolean isRereadable() {
            return false;
        }

        @Override
        InputStream open() {
            return in;
        }
    }

    private static final class BytesSource extends UploadSource {
        private final byte[] bytes;

        BytesSource(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public String fileName() {
            return null;
        }

        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public void requireNotEmpty() {
            if (bytes.length == 0) {
                throw new IllegalArgumentException("Cannot upload the document: the body is empty (0 bytes)");
            }
        }

        @Override
        ContentBody body(ContentType contentType, String fileName) {
            return new ByteArrayBody(bytes, contentType, fileName);
        }

        @Override
        boolean isRereadable() {
            return true;
        }

        @Override
        InputStream open() {
            return new ByteArrayInputStream(bytes);
        }
    }
}
