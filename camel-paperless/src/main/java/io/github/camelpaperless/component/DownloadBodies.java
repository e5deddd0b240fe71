package io.github.camelpaperless.component;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

import io.github.camelpaperless.client.Download;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;

/** Puts a streamed answer into a message: body, file name / type / length headers, closed when the exchange ends. */
public final class DownloadBodies {

    private DownloadBodies() {
    }

    public static InputStream setBody(Exchange exchange, Download d) {
        Message m = exchange.getMessage();
        m.setHeader(PaperlessConstants.FILE_NAME, d.fileName());
        m.setHeader(PaperlessConstants.CONTENT_TYPE, d.contentType());
        m.setHeader(PaperlessConstants.DISPOSITION_TYPE, d.dispositionType());
        if (d.contentLength() >= 0) {
            m.setHeader(PaperlessConstants.CONTENT_LENGTH, d.contentLength());
        }
        m.setBody(d.stream());
        closeOnCompletion(exchange, d);
        return d.stream();
    }

    /** Closes a streamed answer (releasing its connection) when the exchange completes, whether it was read or not. */
    public static void closeOnCompletion(Exchange exchange, Closeable stream) {
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange e) {
                try {
                    stream.close();
                } catch (IOException ignore) {
                    // the connection is released either way
                }
            }
        });
    }
}
