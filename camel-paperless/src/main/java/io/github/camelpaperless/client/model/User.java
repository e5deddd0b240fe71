package io.github.camelpaperless.client.model;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A user. {@code password} reads as {@code **********}; write it to change it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record User(
        Integer id,
        String username,
        String email,
        String password,
        String firstName,
        String lastName,
        OffsetDateTime dateJoined,
        Boolean isStaff,
        Boolean isActive,
        Boolean isSuperuser,
        List<Integer> groups,
        List<String> userPermissions,
        List<String> inheritedPermissions,
        Boolean isMfaEnabled) implements HasId {
}
