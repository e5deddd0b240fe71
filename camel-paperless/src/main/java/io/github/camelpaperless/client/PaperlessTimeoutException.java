package io.github.camelpaperless.client;

/** A connect or response timeout expired. */
public class PaperlessTimeoutException extends PaperlessConnectionException {

    private static final long serialVersionUID = 1L;

    public PaperlessTimeoutException(String message, Throwable cause, boolean connectFailure) {
        super(message, cause, connectFailure);
    }
}
