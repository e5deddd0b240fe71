package io.github.camelpaperless.client.model;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Counts and durations of one task type ({@code /api/tasks/summary/}). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskSummary(TaskType taskType, Integer totalCount, Integer pendingCount, Integer successCount,
        Integer failureCount, Double avgDurationSeconds, Double avgWaitTimeSeconds, OffsetDateTime lastRun,
        OffsetDateTime lastSuccess, OffsetDateTime lastFailure) {
}
