package io.github.camelpaperless.client.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Users and groups granted one kind of access. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PermissionSet(List<Integer> users, List<Integer> groups) {

    public static PermissionSet of(List<Integer> users, List<Integer> groups) {
        return new PermissionSet(users == null ? List.of() : List.copyOf(users), groups == null ? List.of() : List.copyOf(groups));
    }
}
