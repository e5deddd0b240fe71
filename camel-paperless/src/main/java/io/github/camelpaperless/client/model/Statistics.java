package io.github.camelpaperless.client.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Document statistics ({@code /api/statistics/}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Statistics(
        Integer documentsTotal,
        Integer documentsInbox,
        Integer inboxTag,
        List<Integer> inboxTags,
        List<FileTypeCount> documentFileTypeCounts,
        Long characterCount,
        Integer tagCount,
        Integer correspondentCount,
        Integer documentTypeCount,
        Integer storagePathCount,
        Integer currentAsn) {
}
