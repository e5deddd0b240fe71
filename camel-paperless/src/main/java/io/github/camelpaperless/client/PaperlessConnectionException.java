package io.github.camelpaperless.client;

/**
 * The request did not get an HTTP response: connection refused or reset, DNS failure, TLS handshake failure, or a
 * response cut off mid-stream. {@link #isConnectFailure()} tells whether the request provably never reached the server.
 */
public class PaperlessConnectionException extends PaperlessException {

    private static final long serialVersionUID = 1L;

    private final boolean connectFailure;

    public PaperlessConnectionException(String message, Throwable cause, boolean connectFailure) {
        super(message, cause);
        this.connectFailure = connectFailure;
    }

    /** True when the connection could not be established, so the request was never sent. */
    public boolean isConnectFailure() {
        return connectFailure;
    }
}
