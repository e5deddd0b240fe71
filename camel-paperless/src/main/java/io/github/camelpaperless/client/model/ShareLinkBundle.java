package io.github.camelpaperless.client.model;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A share link to a zip bundle of documents. Write {@code documentIds} (and {@code expirationDays}); read {@code documents}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShareLinkBundle(
        Integer id,
        OffsetDateTime created,
        OffsetDateTime expiration,
        Integer expirationDays,
        String slug,
        FileVersion fileVersion,
        ShareLinkBundleStatus status,
        Long sizeBytes,
        JsonNode lastError,
        OffsetDateTime builtAt,
        List<Integer> documents,
        List<Integer> documentIds,
        Integer documentCount) implements HasId {
}
