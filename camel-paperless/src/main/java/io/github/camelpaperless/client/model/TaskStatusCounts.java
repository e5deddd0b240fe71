package io.github.camelpaperless.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Task counts by state ({@code /api/tasks/status_counts/}): needs attention = failure + revoked. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskStatusCounts(Integer all, Integer needsAttention, Integer inProgress, Integer completed) {
}
