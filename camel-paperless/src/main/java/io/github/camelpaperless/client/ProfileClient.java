package io.github.camelpaperless.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.camelpaperless.client.model.AuthToken;
import io.github.camelpaperless.client.model.Profile;
import io.github.camelpaperless.client.model.SocialAccountProvider;
import io.github.camelpaperless.client.model.TotpActivation;
import io.github.camelpaperless.client.model.TotpSetup;

/**
 * The signed-in user's own account: profile, API tokens, two-factor authentication (TOTP) and social (OIDC) accounts.
 */
public final class ProfileClient {

    private final PaperlessClient client;

    ProfileClient(PaperlessClient client) {
        this.client = client;
    }

    public Profile get() {
        return client.get("profile", null, client.type(Profile.class));
    }

    /** PATCH the profile (e.g. {@code first_name}, {@code email}, {@code password}). */
    public Profile update(Object body) {
        return client.send("PATCH", "profile", null, body, client.type(Profile.class));
    }

    /** Replaces the user's API token with a new one and returns it. */
    public String generateToken() {
        return client.send("POST", "profile/generate_auth_token", null, (Object) null, client.type(String.class));
    }

    /**
     * An API token for a user name and password ({@code POST /api/token/}); {@code code} is the current TOTP code when
     * the user has two-factor authentication on (else {@code null}; the server then answers 400 "MFA code is required").
     * Sent without this client's credentials.
     */
    public AuthToken obtainToken(String username, String password, String code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", password);
        if (code != null) {
            body.put("code", code);
        }
        // never with the client's own credentials: a user with TOTP cannot authenticate with a password in a header
        return client.sendWithoutCredentials("POST", "token", body, client.type(AuthToken.class));
    }

    /**
     * Starts setting up TOTP: a new secret (with its {@code otpauth://} URL and QR code), not active until
     * {@link #activateTotp(String, String)} confirms a code generated from it. Each call makes a new secret.
     */
    public TotpSetup setupTotp() {
        return client.get("profile/totp", null, client.type(TotpSetup.class));
    }

    /**
     * Turns TOTP on with the secret from {@link #setupTotp()} and a code generated from it. A wrong code is no error:
     * the answer says {@code success=false}. On success the answer carries the recovery codes.
     */
    public TotpActivation activateTotp(String secret, String code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("secret", secret);
        body.put("code", code);
        return client.send("POST", "profile/totp", null, body, client.type(TotpActivation.class));
    }

    /** Turns TOTP off for the signed-in user; 404 ({@link PaperlessNotFoundException}) when it was not on. */
    public boolean deactivateTotp() {
        Boolean done = client.send("DELETE", "profile/totp", null, (Object) null, client.type(Boolean.class));
        return Boolean.TRUE.equals(done);
    }

    /** The social login providers the server offers, each with the URL that connects it to this account. */
    public List<SocialAccountProvider> socialAccountProviders() {
        return client.get("profile/social_account_providers", null, client.listType(SocialAccountProvider.class));
    }

    /**
     * Disconnects a social account (an id from {@link Profile#socialAccounts()}) from the user; returns its id. An id
     * that is not one of the user's accounts fails with 400 ({@link PaperlessValidationException}).
     */
    public int disconnectSocialAccount(int id) {
        Integer gone = client.send("POST", "profile/disconnect_social_account", null, Map.of("id", id),
                client.type(Integer.class));
        return gone == null ? id : gone;
    }
}
