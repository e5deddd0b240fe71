package io.github.camelpaperless.client.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** File metadata of a document ({@code /api/documents/{id}/metadata/}). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DocumentMetadata(
        String originalChecksum,
        Long originalSize,
        String originalMimeType,
        String mediaFilename,
        Boolean hasArchiveVersion,
        List<JsonNode> originalMetadata,
        String archiveChecksum,
        String archiveMediaFilename,
        String originalFilename,
        Long archiveSize,
        List<JsonNode> archiveMetadata,
        String lang) {
}
