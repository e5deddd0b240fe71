package io.github.camelpaperless.client.model;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A mail processed by a mail rule (read-only).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProcessedMail(
        Integer id,
        Integer owner,
        Integer rule,
        String folder,
        String uid,
        String subject,
        OffsetDateTime received,
        OffsetDateTime processed,
        String status,
        String error) implements HasId {
}
