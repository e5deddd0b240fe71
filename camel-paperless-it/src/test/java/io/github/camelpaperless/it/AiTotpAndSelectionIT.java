package io.github.camelpaperless.it;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelpaperless.client.PaperlessAiDisabledException;
import io.github.camelpaperless.client.PaperlessAuthenticationException;
import io.github.camelpaperless.client.PaperlessNotFoundException;
import io.github.camelpaperless.client.PaperlessUnsupportedException;
import io.github.camelpaperless.client.PaperlessValidationException;
import io.github.camelpaperless.client.UploadRequest;
import io.github.camelpaperless.client.UploadSource;
import io.github.camelpaperless.client.model.AuthToken;
import io.github.camelpaperless.client.model.SocialAccountProvider;
import io.github.camelpaperless.client.model.TotpActivation;
import io.github.camelpaperless.client.model.TotpSetup;
import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.it.support.RealServer;
import io.github.camelpaperless.it.support.RealServerTest;
import io.github.camelpaperless.it.support.Routes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operations added for parity with pypaperless 6.0.2 (issue 12): AI suggestions and chat (the servers here run
 * without AI), TOTP set up from the API, tokens for a user with TOTP, social accounts, selection data with a page.
 */
class AiTotpAndSelectionIT {

    @RealServerTest
    void aiSuggestionsAndChatSayAiIsOffOnThreeAndMissingOnTwo(RealServer s) {
        Routes r = new Routes(s);
        if (s.isV3()) {
            int doc = s.uploadText(s.unique("ai"), s.unique("Invoice for the AI"));
            Exception suggestions = r.failure("paperless:documents?operation=aiSuggestions", doc);
            Exception chat = r.failure("paperless:documents?operation=chat", "What is this invoice about?",
                    PaperlessConstants.ID, doc);
            for (Exception e : List.of(suggestions, chat)) {
                assertThat(e).isInstanceOf(PaperlessAiDisabledException.class)
                        .hasMessageContaining("AI is required for this feature").hasMessageContaining("PAPERLESS_AI_ENABLED");
            }
        } else {
            for (Exception e : List.of(r.failure("paperless:documents?operation=aiSuggestions", 1),
                    r.failure("paperless:documents?operation=chat", "Anything?"))) {
                assertThat(e).isInstanceOf(PaperlessUnsupportedException.class)
                        .hasMessageContaining("AI suggestions and document chat").hasMessageContaining(s.serverVersion());
            }
        }
    }

    /**
     * A user sets up TOTP through the API (new secret, confirm a code), then needs a code for a token, and turns it off
     * again. TOTP codes are single-use per 30 s step, so the token waits for the next step.
     */
    @RealServerTest
    void totpSetUpFromTheApiThenATokenNeedsTheCode(RealServer s) throws Exception {
        String username = s.unique("mfa");
        String password = "mfa-pw-42-" + username;
        int userId = s.create("users", "user", Map.of("username", username, "password", password, "is_superuser", false))
                .path("id").asInt();
        Routes user = new Routes(s, s.camel(pc -> {
            pc.getConfiguration().setToken(null);
            pc.getConfiguration().setUsername(username);
            pc.getConfiguration().setPassword(password);
        }));

        TotpSetup setup = (TotpSetup) user.body("paperless:profile?operation=setupTotp", null);
        assertThat(setup.url()).startsWith("otpauth://totp/").contains(setup.secret());
        assertThat(setup.qrSvg()).contains("<svg");
        assertThat(setup.toString()).doesNotContain(setup.secret());

        TotpActivation wrong = (TotpActivation) user.body("paperless:profile?operation=activateTotp",
                Map.of("secret", setup.secret(), "code", "000000".equals(AccountsAndSettingsIT.totp(setup.secret()))
                        ? "111111" : "000000"));
        assertThat(wrong.success()).isFalse();
        assertThat(s.get("users/" + userId).path("is_mfa_enabled").asBoolean()).isFalse();

        long step = awaitFreshStep();
        TotpActivation on = (TotpActivation) user.body("paperless:profile?operation=activateTotp",
                Map.of("secret", setup.secret(), "code", AccountsAndSettingsIT.totp(setup.secret())));
        assertThat(on.success()).isTrue();
        assertThat(on.recoveryCodes()).isNotEmpty();
        assertThat(s.get("users/" + userId).path("is_mfa_enabled").asBoolean()).isTrue();

        String tokenUri = "paperless:token?operation=create&username=" + username + "&password=" + password;
        Routes anonymous = new Routes(s, s.camel(pc -> pc.getConfiguration().setToken(null)));
        assertThat(anonymous.failure(tokenUri, null)).isInstanceOf(PaperlessValidationException.class)
                .hasMessageContaining("MFA code is required");
        while (System.currentTimeMillis() / 30_000 == step) {
            Thread.sleep(200); // the activation used this step's code
        }
        awaitFreshStep();
        AuthToken token = (AuthToken) anonymous.body(tokenUri, Map.of("code", AccountsAndSettingsIT.totp(setup.secret())));
        assertThat(token.token()).hasSize(40);

        // with TOTP on, the password no longer authenticates API calls; the token does
        assertThat(user.failure("paperless:profile", null)).isInstanceOf(PaperlessAuthenticationException.class)
                .hasMessageContaining("MFA required");
        Routes withToken = new Routes(s, s.camel(pc -> pc.getConfiguration().setToken(token.token())));
        assertThat(withToken.body("paperless:profile?operation=deactivateTotp", null)).isEqualTo(true);
        assertThat(s.get("users/" + userId).path("is_mfa_enabled").asBoolean()).isFalse();
        assertThat(withToken.failure("paperless:profile?operation=deactivateTotp", null))
                .isInstanceOf(PaperlessNotFoundException.class).hasMessageContaining("TOTP not found");
    }

    /** Waits until at least 3 s of the current 30 s TOTP step are left, so a code is still valid when it arrives. */
    private static long awaitFreshStep() throws InterruptedException {
        while (30_000 - System.currentTimeMillis() % 30_000 < 3_000) {
            Thread.sleep(200);
        }
        return System.currentTimeMillis() / 30_000;
    }

    @RealServerTest
    void socialAccountProvidersAndAnUnknownAccountToDisconnect(RealServer s) {
        Routes r = new Routes(s);
        @SuppressWarnings("unchecked")
        List<SocialAccountProvider> providers = (List<SocialAccountProvider>) r.body(
                "paperless:profile?operation=socialAccountProviders", null);
        // the servers here configure no social login
        assertThat(providers).isEmpty();
        assertThat(r.failure("paperless:profile?operation=disconnectSocialAccount", 987654))
                .isInstanceOf(PaperlessValidationException.class).hasMessageContaining("Social account not found");
    }

    @RealServerTest
    void aDocumentsPageWithSelectionDataOnThreeAndAClearRefusalOnTwo(RealServer s) {
        Routes r = new Routes(s);
        String uri = "paperless:documents?operation=page&includeSelectionData=true";
        if (!s.isV3()) {
            assertThat(r.failure(uri, null)).isInstanceOf(PaperlessUnsupportedException.class)
                    .hasMessageContaining("include_selection_data").hasMessageContaining(s.serverVersion());
            return;
        }
        int tag = s.create("tags", "sel").path("id").asInt();
        int doc = s.upload(new UploadRequest(UploadSource.of(s.unique("selection data").getBytes(StandardCharsets.UTF_8)))
                .fileName(s.unique("sel") + ".txt").tags(List.of(tag)));
        var ex = r.call(uri + "&filter.tags__id__all=" + tag, null);
        assertThat(ex.getMessage().getBody(List.class)).hasSize(1);
        JsonNode sel = ex.getMessage().getHeader(PaperlessConstants.SELECTION_DATA, JsonNode.class);
        assertThat(sel).as("selection data header").isNotNull();
        JsonNode tagCount = null;
        for (JsonNode t : sel.path("selected_tags")) {
            if (t.path("id").asInt() == tag) {
                tagCount = t;
            }
        }
        assertThat(tagCount).as("the tag in selected_tags").isNotNull();
        assertThat(tagCount.path("document_count").asInt()).isEqualTo(1);
        assertThat(doc).isPositive();
    }
}
