package io.github.camelpaperless.client.model;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A correspondent (sender or recipient of documents). {@code lastCorrespondence} is filled on retrieve, and on list only with the {@code last_correspondence} filter.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Correspondent(
        Integer id,
        String slug,
        String name,
        String match,
        MatchingAlgorithm matchingAlgorithm,
        Boolean isInsensitive,
        Integer documentCount,
        LocalDate lastCorrespondence,
        Integer owner,
        Permissions permissions,
        Boolean userCanChange,
        Permissions setPermissions) implements HasId {
}
