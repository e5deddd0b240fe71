package io.github.camelpaperless.client.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A workflow action ({@code type}: 1 assignment, 2 removal, 3 email, 4 webhook, 5 password removal, 6 move to trash).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowAction(
        Integer id,
        Integer type,
        String assignTitle,
        List<Integer> assignTags,
        Integer assignCorrespondent,
        Integer assignDocumentType,
        Integer assignStoragePath,
        Integer assignOwner,
        List<Integer> assignViewUsers,
        List<Integer> assignViewGroups,
        List<Integer> assignChangeUsers,
        List<Integer> assignChangeGroups,
        List<Integer> assignCustomFields,
        JsonNode assignCustomFieldsValues,
        Boolean removeAllTags,
        List<Integer> removeTags,
        Boolean removeAllCorrespondents,
        List<Integer> removeCorrespondents,
        Boolean removeAllDocumentTypes,
        List<Integer> removeDocumentTypes,
        Boolean removeAllStoragePaths,
        List<Integer> removeStoragePaths,
        List<Integer> removeCustomFields,
        Boolean removeAllCustomFields,
        Boolean removeAllOwners,
        List<Integer> removeOwners,
        Boolean removeAllPermissions,
        List<Integer> removeViewUsers,
        List<Integer> removeViewGroups,
        List<Integer> removeChangeUsers,
        List<Integer> removeChangeGroups,
        JsonNode email,
        JsonNode webhook,
        JsonNode passwords) implements HasId {
}
