package io.github.camelpaperless.it;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelpaperless.client.ApiVersion;
import io.github.camelpaperless.client.PaperlessApiException;
import io.github.camelpaperless.client.PaperlessClient;
import io.github.camelpaperless.client.PaperlessClientConfig;
import io.github.camelpaperless.client.RetryPolicy;
import io.github.camelpaperless.client.model.AuthToken;
import io.github.camelpaperless.client.model.GlobalSearchResult;
import io.github.camelpaperless.client.model.Statistics;
import io.github.camelpaperless.client.model.SystemStatus;
import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.it.support.RealServer;
import io.github.camelpaperless.it.support.RealServerTest;
import io.github.camelpaperless.it.support.Routes;

import static org.assertj.core.api.Assertions.assertThat;

/** Users' own views (profile, tokens, TOTP, UI settings), the application settings, logs, statistics and global search. */
class AccountsAndSettingsIT {

    /** A user of its own (so the admin's token and settings stay untouched) and a route context logged in as it. */
    private static Routes asNewUser(RealServer s, String username, String password) {
        s.create("users", "user", Map.of("username", username, "password", password, "is_superuser", false,
                "user_permissions", List.of("view_uisettings", "change_uisettings", "add_uisettings")));
        return new Routes(s, s.camel(pc -> {
            pc.getConfiguration().setToken(null);
            pc.getConfiguration().setUsername(username);
            pc.getConfiguration().setPassword(password);
        }));
    }

    private static PaperlessClient clientWithToken(RealServer s, String token) {
        return new PaperlessClient(PaperlessClientConfig.builder(s.url()).token(token).apiVersion(ApiVersion.AUTO)
                .retryPolicy(RetryPolicy.NONE).build());
    }

    @RealServerTest
    void tokenCreateGenerateTokenAndProfile(RealServer s) throws Exception {
        String username = s.unique("u");
        Routes user = asNewUser(s, username, "secret-pw-42");

        // token create: username and password for a token, which then works
        Routes anonymous = new Routes(s, s.camel(pc -> pc.getConfiguration().setToken(null)));
        AuthToken token = (AuthToken) anonymous.body("paperless:token?operation=create&username=" + username
                                                     + "&password=secret-pw-42", null);
        assertThat(token.token()).hasSize(40);
        try (PaperlessClient c = clientWithToken(s, token.token())) {
            assertThat(c.<JsonNode>get("profile", null, c.type(JsonNode.class)).path("email").isMissingNode()).isFalse();
        }

        // profile get and update
        JsonNode profile = user.json("paperless:profile", null);
        assertThat(profile.has("email")).isTrue();
        user.call("paperless:profile?operation=update", Map.of("first_name", "Ada", "last_name", "Lovelace"));
        assertThat(user.json("paperless:profile", null).path("first_name").asText()).isEqualTo("Ada");

        // generateToken replaces the user's token: the new one works, the old one no longer does
        String generated = (String) user.body("paperless:profile?operation=generateToken", null);
        assertThat(generated).hasSize(40).isNotEqualTo(token.token());
        try (PaperlessClient c = clientWithToken(s, generated)) {
            assertThat(c.<JsonNode>get("profile", null, c.type(JsonNode.class)).path("first_name").asText()).isEqualTo("Ada");
        }
        try (PaperlessClient c = clientWithToken(s, token.token())) {
            PaperlessApiException e = org.assertj.core.api.Assertions.catchThrowableOfType(PaperlessApiException.class,
                    () -> c.get("profile", null, c.type(JsonNode.class)));
            assertThat(e.getStatusCode()).isEqualTo(401);
        }
    }

    @RealServerTest
    void deactivateTotpOfAUserWhoActivatedIt(RealServer s) throws Exception {
        String username = s.unique("totp");
        Routes admin = new Routes(s);
        asNewUser(s, username, "totp-pw-42");
        int userId = admin.json("paperless:users?filter.username__iexact=" + username, null).get(0).path("id").asInt();

        // the user activates TOTP with a secret of its own (the server checks the code against it)
        String secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
        PaperlessClient uc = userClient(s, username);
        JsonNode r = uc.send("POST", "profile/totp", null, Map.of("secret", secret, "code", totp(secret)),
                uc.type(JsonNode.class));
        assertThat(r.path("success").asBoolean()).as("TOTP activated").isTrue();
        assertThat(s.get("users/" + userId).path("is_mfa_enabled").asBoolean()).isTrue();

        assertThat(admin.body("paperless:users?operation=deactivateTotp", userId)).isEqualTo(Boolean.TRUE);
        assertThat(s.get("users/" + userId).path("is_mfa_enabled").asBoolean()).isFalse();

        // nothing left to deactivate: a clear not-found
        Exception e = admin.failure("paperless:users?operation=deactivateTotp", userId);
        assertThat(e).isInstanceOf(PaperlessApiException.class);
        assertThat(((PaperlessApiException) e).getStatusCode()).isEqualTo(404);
    }

    private static PaperlessClient userClient(RealServer s, String username) {
        PaperlessClient c = new PaperlessClient(PaperlessClientConfig.builder(s.url()).basicAuth(username, "totp-pw-42")
                .retryPolicy(RetryPolicy.NONE).build());
        s.cleanup(() -> {
            try {
                c.close();
            } catch (java.io.IOException ignore) {
                // closing
            }
        });
        return c;
    }

    /** RFC 6238 TOTP (SHA-1, 6 digits, 30 s) for a base32 secret. */
    static String totp(String base32) throws Exception {
        long inWindow = System.currentTimeMillis() % 30_000;
        if (inWindow > 27_000) {
            // the server accepts the current 30 s step only: do not send a code that expires on the way
            Thread.sleep(30_000 - inWindow + 100);
        }
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteBuffer key = ByteBuffer.allocate(base32.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char ch : base32.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(ch);
            bits += 5;
            if (bits >= 8) {
                key.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key.array(), "HmacSHA1"));
        byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(System.currentTimeMillis() / 1000 / 30).array());
        int o = h[h.length - 1] & 0xf;
        int code = ((h[o] & 0x7f) << 24 | (h[o + 1] & 0xff) << 16 | (h[o + 2] & 0xff) << 8 | (h[o + 3] & 0xff)) % 1_000_000;
        return String.format("%06d", code);
    }

    @RealServerTest
    void uiSettingsOfAUser(RealServer s) {
        Routes user = asNewUser(s, s.unique("ui"), "ui-pw-42");
        user.call("paperless:ui_settings?operation=update", Map.of("dark_mode", Map.of("enabled", "true"),
                "language", "de-de"));
        JsonNode settings = user.json("paperless:ui_settings", null);
        assertThat(settings.path("settings").path("language").asText()).isEqualTo("de-de");
        assertThat(settings.path("settings").path("dark_mode").path("enabled").asText()).isEqualTo("true");
    }

    @RealServerTest
    void applicationConfigurationGetListAndUpdateRestored(RealServer s) {
        Routes r = new Routes(s);
        JsonNode config = r.json("paperless:config?operation=get", null);
        int id = config.path("id").asInt();
        String before = config.path("app_title").isNull() ? null : config.path("app_title").asText();
        s.cleanup(() -> s.send("PATCH", "config/" + id, java.util.Collections.singletonMap("app_title", before)));
        assertThat(r.json("paperless:config", null)).extracting(n -> n.path("id").asInt()).containsExactly(id);

        String title = s.unique("Archive");
        JsonNode updated = r.json("paperless:config?operation=update", Map.of("app_title", title));
        assertThat(updated.path("app_title").asText()).isEqualTo(title);
        assertThat(s.get("config/" + id).path("app_title").asText()).isEqualTo(title);
    }

    @RealServerTest
    void statisticsStatusRemoteVersionLogsAndGlobalSearch(RealServer s) {
        Routes r = new Routes(s);
        Statistics stats = (Statistics) r.body("paperless:statistics", null);
        assertThat(stats.documentsTotal()).isNotNull().isGreaterThanOrEqualTo(0);

        SystemStatus status = (SystemStatus) r.body("paperless:status", null);
        JsonNode st = s.client().mapper().valueToTree(status);
        assertThat(st.path("pngx_version").asText()).isEqualTo(s.serverVersion());
        assertThat(st.path("database").path("status").asText()).isEqualTo("OK");

        JsonNode remote = r.json("paperless:remote_version", null);
        assertThat(remote.has("version")).isTrue();

        JsonNode logs = r.json("paperless:logs", null);
        assertThat(logs).extracting(JsonNode::asText).contains("paperless");
        JsonNode lines = r.json("paperless:logs?operation=get&limit=5", null, PaperlessConstants.ID, "paperless");
        assertThat(lines.size()).isBetween(1, 5);

        String name = s.unique("findme");
        int tag = s.create("tags", "x", Map.of("name", name)).path("id").asInt();
        GlobalSearchResult found = (GlobalSearchResult) r.body("paperless:search", null, PaperlessConstants.QUERY, name);
        JsonNode f = s.client().mapper().valueToTree(found);
        assertThat(f.path("tags")).extracting(n -> n.path("id").asInt()).containsExactly(tag);
        assertThat(f.path("total").asInt()).isGreaterThanOrEqualTo(1);
    }

    @RealServerTest
    void mailAccountTestSucceedsAgainstARealImapServerAndFailsClearlyAgainstNone(RealServer s) throws Exception {
        Routes r = new Routes(s);
        // a port nothing listens on: the server's own error, typed and readable
        int closed = org.apache.camel.test.AvailablePortFinder.getNextAvailable();
        Exception e = r.failure("paperless:mail_accounts?operation=test", Map.of("imap_server", "127.0.0.1", "imap_port",
                closed, "imap_security", 1, "username", "nobody", "password", "nothing"));
        // 2.20.15 and 3.0.5 answer a refused connection with a bare 500 (only "Unable to connect" errors are a 400)
        assertThat(e).isInstanceOf(PaperlessApiException.class)
                .hasMessageContaining("POST /api/mail_accounts/test/ failed with HTTP 500: Server Error (500) — the server "
                                      + "failed on this request; its log (paperless.log) says why");

        org.junit.jupiter.api.Assumptions.assumeTrue(s.managed() && s.servers().mail() != null,
                "the success case needs a build-managed server (it reaches the in-process IMAP server on loopback)");
        String login = s.unique("imap");
        s.servers().mail().setUser(login + "@it.example", login, "imap-pw");
        JsonNode ok = r.json("paperless:mail_accounts?operation=test", Map.of("imap_server", "127.0.0.1", "imap_port",
                s.servers().mail().getImap().getPort(), "imap_security", 1, "username", login, "password", "imap-pw"));
        assertThat(ok.path("success").asBoolean()).isTrue();
    }
}
