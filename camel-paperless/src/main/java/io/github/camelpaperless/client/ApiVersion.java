package io.github.camelpaperless.client;

import java.util.Locale;

/**
 * The Paperless-ngx REST API version to request ({@code Accept: application/json; version=N}).
 * <p>
 * {@link #AUTO} asks for 10 and falls back to 9 when the server answers 406 (servers before 3.0 only know 9).
 * All differences between the two versions are handled in {@link ApiVersions}.
 */
public enum ApiVersion {
    AUTO(0),
    V9(9),
    V10(10);

    private final int number;

    ApiVersion(int number) {
        this.number = number;
    }

    /** 9 or 10; 0 for {@link #AUTO}. */
    public int number() {
        return number;
    }

    /**
     * Parses {@code auto}, {@code 9}, {@code 10} (also {@code v9}/{@code V10}).
     *
     * @throws IllegalArgumentException naming the valid values
     */
    public static ApiVersion parse(String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("v")) {
            v = v.substring(1);
        }
        switch (v) {
            case "auto":
                return AUTO;
            case "9":
                return V9;
            case "10":
                return V10;
            default:
                throw new IllegalArgumentException(
                        "Invalid apiVersion '" + value + "': use auto (default), 9 or 10");
        }
    }

    @Override
    public String toString() {
        return this == AUTO ? "auto" : String.valueOf(number);
    }
}
