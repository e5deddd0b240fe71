package io.github.camelpaperless.client;

import java.io.IOException;
import java.net.Socket;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLSocket;

import org.apache.hc.client5.http.impl.io.DefaultManagedHttpClientConnection;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.http.message.RequestLine;
import org.apache.hc.core5.http.message.StatusLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections whose header log ({@code org.apache.hc.client5.http.headers} at DEBUG) masks the {@code Authorization},
 * {@code Proxy-Authorization} and cookie headers, and which never install HttpClient's wire log
 * ({@code org.apache.hc.client5.http.wire}), because that log prints the raw request bytes including the credentials.
 */
final class RedactingConnectionFactory implements HttpConnectionFactory<ManagedHttpClientConnection> {

    private static final Logger HEADERS = LoggerFactory.getLogger("org.apache.hc.client5.http.headers");
    private static final AtomicLong COUNTER = new AtomicLong();

    @Override
    public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
        Conn conn = new Conn("paperless-" + COUNTER.getAndIncrement());
        if (socket != null) {
            conn.bind(socket);
        }
        return conn;
    }

    static String redact(Header h) {
        String name = h.getName().toLowerCase(Locale.ROOT);
        if (name.equals("authorization") || name.equals("proxy-authorization") || name.equals("cookie")
                || name.equals("set-cookie")) {
            return h.getName() + ": xxxxxx";
        }
        return h.getName() + ": " + h.getValue();
    }

    private static final class Conn extends DefaultManagedHttpClientConnection {

        Conn(String id) {
            super(id);
        }

        @Override
        public void bind(Socket socket) throws IOException {
            bind(new SocketHolder(socket));
        }

        @Override
        public void bind(SSLSocket sslSocket, Socket socket) throws IOException {
            bind(new SocketHolder(sslSocket, socket));
        }

        @Override
        protected void onRequestSubmitted(ClassicHttpRequest request) {
            if (request != null && HEADERS.isDebugEnabled()) {
                HEADERS.debug("{} >> {}", getId(), new RequestLine(request));
                for (Header h : request.getHeaders()) {
                    HEADERS.debug("{} >> {}", getId(), redact(h));
                }
            }
        }

        @Override
        protected void onResponseReceived(ClassicHttpResponse response) {
            if (response != null && HEADERS.isDebugEnabled()) {
                HEADERS.debug("{} << {}", getId(), new StatusLine(response));
                for (Header h : response.getHeaders()) {
                    HEADERS.debug("{} << {}", getId(), redact(h));
                }
            }
        }
    }
}
