package io.github.camelpaperless.client.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Classifier suggestions for a document (ids, and dates as {@code YYYY-MM-DD}). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Suggestions(List<Integer> correspondents, List<Integer> tags, List<Integer> documentTypes,
        List<Integer> storagePaths, List<String> dates) {
}
