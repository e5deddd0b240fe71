package io.github.camelpaperless.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;

/** Build state of a share link bundle. */
public enum ShareLinkBundleStatus implements ApiValue {
    PENDING,
    PROCESSING,
    READY,
    FAILED,
    UNKNOWN;

    /** Reads an API value case-insensitively; unknown values give {@link #UNKNOWN}. */
    @JsonCreator
    public static ShareLinkBundleStatus of(String value) {
        return ApiValue.of(ShareLinkBundleStatus.class, value);
    }

    /** The API value (as {@link #value()}). */
    @Override
    public String toString() {
        return value();
    }
}
