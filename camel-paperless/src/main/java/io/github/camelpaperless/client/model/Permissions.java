package io.github.camelpaperless.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Object permissions: read as {@code permissions} (with {@code full_perms=true}), written as {@code set_permissions}
 * (each listed action replaces the existing grants; a change grant implies view).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Permissions(PermissionSet view, PermissionSet change) {
}
