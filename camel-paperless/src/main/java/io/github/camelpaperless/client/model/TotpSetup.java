package io.github.camelpaperless.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A new TOTP secret for the profile ({@code GET /api/profile/totp/}), not active until a code generated from it is
 * confirmed: the {@code otpauth://} URL, the same as a QR code (SVG), and the secret (base32). The secret is never
 * printed by {@link #toString()}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TotpSetup(
        String url,
        String qrSvg,
        String secret) {

    @Override
    public String toString() {
        return "TotpSetup[secret=xxxxxx]";
    }
}
