package io.github.camelpaperless.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Socket;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.http.message.RequestLine;
import org.apache.hc.core5.http.message.StatusLine;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Identifiable;
import org.apache.hc.core5.util.Timeout;
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

    /**
     * A pooled HTTP/1.1 connection on HttpCore's {@link DefaultBHttpClientConnection}, with what the pool needs
     * (socket, TLS session, idle timeout while passivated). Not a subclass of HttpClient's own connection class: that
     * one is final and package-private in HttpClient 5.5 (Camel 4.18) and public only since 5.6.
     */
    private static final class Conn extends DefaultBHttpClientConnection
            implements ManagedHttpClientConnection, Identifiable {

        private final String id;
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile Timeout socketTimeout;

        Conn(String id) {
            super(Http1Config.DEFAULT, null, null, null, null, null, null, null);
            this.id = id;
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public void bind(Socket socket) throws IOException {
            bindHolder(new SocketHolder(socket));
        }

        @Override
        public void bind(SSLSocket sslSocket, Socket socket) throws IOException {
            bindHolder(new SocketHolder(sslSocket, socket));
        }

        private void bindHolder(SocketHolder holder) throws IOException {
            if (closed.get()) {
                holder.getSocket().close();
                throw new InterruptedIOException("Connection already shut down");
            }
            super.bind(holder);
            socketTimeout = Timeout.ofMilliseconds(holder.getSocket().getSoTimeout());
        }

        @Override
        public Socket getSocket() {
            SocketHolder holder = getSocketHolder();
            return holder != null ? holder.getSocket() : null;
        }

        @Override
        public SSLSession getSSLSession() {
            Socket socket = getSocket();
            return socket instanceof SSLSocket ? ((SSLSocket) socket).getSession() : null;
        }

        @Override
        public void setSocketTimeout(Timeout timeout) {
            super.setSocketTimeout(timeout);
            socketTimeout = timeout;
        }

        /** Idle in the pool: no read timeout (the pool checks staleness itself). */
        @Override
        public void passivate() {
            super.setSocketTimeout(Timeout.ZERO_MILLISECONDS);
        }

        @Override
        public void activate() {
            super.setSocketTimeout(socketTimeout);
        }

        @Override
        public void close() throws IOException {
            if (closed.compareAndSet(false, true)) {
                super.close();
            }
        }

        @Override
        public void close(CloseMode mode) {
            if (closed.compareAndSet(false, true)) {
                super.close(mode);
            }
        }

        @Override
        protected void onRequestSubmitted(ClassicHttpRequest request) {
            if (request != null && HEADERS.isDebugEnabled()) {
                HEADERS.debug("{} >> {}", id, new RequestLine(request));
                for (Header h : request.getHeaders()) {
                    HEADERS.debug("{} >> {}", id, redact(h));
                }
            }
        }

        @Override
        protected void onResponseReceived(ClassicHttpResponse response) {
            if (response != null && HEADERS.isDebugEnabled()) {
                HEADERS.debug("{} << {}", id, new StatusLine(response));
                for (Header h : response.getHeaders()) {
                    HEADERS.debug("{} << {}", id, redact(h));
                }
            }
        }
    }
}
