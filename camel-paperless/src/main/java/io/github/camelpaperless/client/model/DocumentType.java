package io.github.camelpaperless.client.model;


import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A document type.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentType(
        Integer id,
        String slug,
        String name,
        String match,
        MatchingAlgorithm matchingAlgorithm,
        Boolean isInsensitive,
        Integer documentCount,
        Integer owner,
        Permissions permissions,
        Boolean userCanChange,
        Permissions setPermissions) implements HasId {
}
