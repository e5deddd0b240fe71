package io.github.camelpaperless.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.apache.hc.core5.http.ClassicHttpResponse;

/**
 * The body of a streamed response, read straight from the connection. Closing it releases the connection. A body cut
 * off before its announced length raises an {@link IOException} when read.
 */
public final class ResponseStream extends FilterInputStream {

    private final ClassicHttpResponse response;
    private volatile boolean closed;

    ResponseStream(ClassicHttpResponse response, InputStream body) {
        super(body);
        this.response = response;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            super.close();
        } finally {
            response.close();
        }
    }
}
