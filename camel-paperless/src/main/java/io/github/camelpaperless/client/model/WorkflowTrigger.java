package io.github.camelpaperless.client.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A workflow trigger ({@code type}: 1 consumption, 2 added, 3 updated, 4 scheduled).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowTrigger(
        Integer id,
        List<Integer> sources,
        Integer type,
        String filterPath,
        String filterFilename,
        Integer filterMailrule,
        Integer matchingAlgorithm,
        String match,
        Boolean isInsensitive,
        List<Integer> filterHasTags,
        List<Integer> filterHasAllTags,
        List<Integer> filterHasNotTags,
        String filterCustomFieldQuery,
        List<Integer> filterHasAnyCorrespondents,
        List<Integer> filterHasNotCorrespondents,
        List<Integer> filterHasAnyDocumentTypes,
        List<Integer> filterHasNotDocumentTypes,
        List<Integer> filterHasAnyStoragePaths,
        List<Integer> filterHasNotStoragePaths,
        Integer filterHasCorrespondent,
        Integer filterHasDocumentType,
        Integer filterHasStoragePath,
        Integer scheduleOffsetDays,
        Boolean scheduleIsRecurring,
        Integer scheduleRecurringIntervalDays,
        String scheduleDateField,
        Integer scheduleDateCustomField) implements HasId {
}
