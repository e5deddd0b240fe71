package io.github.camelpaperless.client;

/**
 * A request for something the connected server does not have, e.g. document versions or share link bundles on a
 * Paperless-ngx 2.x server. Raised before the request is sent, naming the feature, the version that brings it and the
 * server's version.
 */
public class PaperlessUnsupportedException extends PaperlessException {

    private static final long serialVersionUID = 1L;

    private final String feature;
    private final String serverVersion;

    public PaperlessUnsupportedException(String feature, int sinceMajor, String serverVersion) {
        super(feature + (feature.endsWith("s") ? " need" : " needs") + " Paperless-ngx " + sinceMajor + ".0 or newer; the server is Paperless-ngx " + serverVersion);
        this.feature = feature;
        this.serverVersion = serverVersion;
    }

    public String getFeature() {
        return feature;
    }

    public String getServerVersion() {
        return serverVersion;
    }
}
