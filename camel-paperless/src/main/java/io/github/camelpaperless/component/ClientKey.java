package io.github.camelpaperless.component;

import java.util.Arrays;
import java.util.List;

/**
 * What makes two endpoints' clients the same: the server, the credentials and every connection setting. Endpoints
 * with equal keys share one client. Objects (TLS parameters, HTTP client, configurer) count by identity. Never printed
 * with its values: it holds credentials.
 */
final class ClientKey {

    private final List<Object> parts;

    private ClientKey(List<Object> parts) {
        this.parts = parts;
    }

    static ClientKey of(PaperlessConfiguration c) {
        return new ClientKey(Arrays.asList(c.getBaseUrl(), c.getApiVersion(), c.getToken(), c.getUsername(), c.getPassword(),
                c.getConnectTimeout(), c.getResponseTimeout(), c.getConnectionsPerRoute(), c.getMaxTotalConnections(),
                c.getPageSize(), c.isHostnameVerification(), c.getRetryAttempts(), c.getRetryDelay(), c.getRetryMaxDelay(),
                new Identity(c.getSslContextParameters()), c.getProxyHost(), c.getProxyPort(), c.getProxyUsername(),
                c.getProxyPassword(), new Identity(c.getHttpClientConfigurer()), new Identity(c.getHttpClient())));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientKey && parts.equals(((ClientKey) o).parts);
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }

    @Override
    public String toString() {
        return "ClientKey[" + parts.get(0) + "]";
    }

    /** Equal only to the same object. */
    private record Identity(Object value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity && ((Identity) o).value == value;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(value);
        }
    }
}
