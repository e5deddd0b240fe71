package io.github.camelpaperless.client;

/**
 * Base of every exception thrown by the Paperless client and component. Messages never contain a token or password.
 */
public class PaperlessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PaperlessException(String message) {
        super(message);
    }

    public PaperlessException(String message, Throwable cause) {
        super(message, cause);
    }
}
