package io.github.camelpaperless.client.model;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A mail account. {@code imapSecurity}: 1 none, 2 SSL, 3 STARTTLS; {@code accountType}: 1 IMAP, 2 Gmail OAuth, 3 Outlook OAuth. The password reads obfuscated.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MailAccount(
        Integer id,
        String name,
        String imapServer,
        Integer imapPort,
        Integer imapSecurity,
        String username,
        String password,
        String characterSet,
        Boolean isToken,
        Integer accountType,
        OffsetDateTime expiration,
        Integer owner,
        Permissions permissions,
        Boolean userCanChange,
        Permissions setPermissions) implements HasId {
}
