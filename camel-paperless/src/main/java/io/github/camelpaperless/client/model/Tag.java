package io.github.camelpaperless.client.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A tag. {@code children} holds the nested child tags the server returns (full tag objects in 3.x); see {@link #childIds()}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tag(
        Integer id,
        String slug,
        String name,
        String color,
        String textColor,
        String match,
        MatchingAlgorithm matchingAlgorithm,
        Boolean isInsensitive,
        Boolean isInboxTag,
        Integer documentCount,
        Integer parent,
        List<JsonNode> children,
        Integer owner,
        Permissions permissions,
        Boolean userCanChange,
        Permissions setPermissions) implements HasId {

    /** The ids of the direct children, whether the server sent ids or nested tag objects. */
    public List<Integer> childIds() {
        if (children == null) {
            return List.of();
        }
        return children.stream().map(n -> n.isObject() ? n.path("id").asInt() : n.asInt()).toList();
    }
}
