package io.github.camelpaperless.client.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The profile of the authenticated user. {@code authToken} is the user's API token.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Profile(
        String email,
        String password,
        String firstName,
        String lastName,
        String authToken,
        List<SocialAccount> socialAccounts,
        Boolean hasUsablePassword,
        Boolean isMfaEnabled) {

    @Override
    public String toString() {
        return "Profile[email=" + email + ", firstName=" + firstName + ", lastName=" + lastName
               + ", authToken=" + (authToken == null ? null : "xxxxxx") + "]";
    }
}
