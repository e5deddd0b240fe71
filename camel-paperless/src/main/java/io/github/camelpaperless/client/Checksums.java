package io.github.camelpaperless.client;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * MD5 and SHA-256 of a document, computed in one pass. Paperless-ngx 3 stores SHA-256 in a document's
 * {@code checksum}; 2.x stored MD5 ({@link ApiVersions#checksumFor}).
 */
public record Checksums(String md5, String sha256) {

    public static Checksums of(InputStream in) throws IOException {
        MessageDigest md5 = digest("MD5");
        MessageDigest sha = digest("SHA-256");
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) > 0) {
            md5.update(buf, 0, n);
            sha.update(buf, 0, n);
        }
        return new Checksums(HexFormat.of().formatHex(md5.digest()), HexFormat.of().formatHex(sha.digest()));
    }

    public static Checksums of(byte[] bytes) {
        MessageDigest md5 = digest("MD5");
        MessageDigest sha = digest("SHA-256");
        return new Checksums(HexFormat.of().formatHex(md5.digest(bytes)), HexFormat.of().formatHex(sha.digest(bytes)));
    }

    private static MessageDigest digest(String alg) {
        try {
            return MessageDigest.getInstance(alg);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(alg + " not available", e);
        }
    }
}
