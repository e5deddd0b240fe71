package io.github.camelpaperless.client.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The server's AI classification of a document ({@code GET /api/documents/{id}/ai_suggestions/}, Paperless-ngx 3 with
 * AI enabled): a title, the ids of existing tags, correspondents, document types and storage paths whose names the AI
 * suggested, the suggested names no object has yet ({@code suggested*}), and dates found in the document.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AiSuggestions(
        String title,
        List<Integer> tags,
        List<String> suggestedTags,
        List<Integer> correspondents,
        List<String> suggestedCorrespondents,
        List<Integer> documentTypes,
        List<String> suggestedDocumentTypes,
        List<Integer> storagePaths,
        List<String> suggestedStoragePaths,
        List<String> dates) {
}
