package io.github.camelpaperless.client.model;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A document. {@code created} is a date (API 9+); {@code added}, {@code modified} and {@code deletedAt} are date-times.
 * {@code searchHit} is set on full-text search results only. {@code duplicateDocuments} is filled on retrieve only.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Document(
        Integer id,
        Integer correspondent,
        Integer documentType,
        Integer storagePath,
        String title,
        String content,
        List<Integer> tags,
        @JsonDeserialize(using = LenientDateDeserializer.class) LocalDate created,
        @JsonDeserialize(using = LenientDateDeserializer.class) LocalDate createdDate,
        OffsetDateTime modified,
        OffsetDateTime added,
        OffsetDateTime deletedAt,
        Long archiveSerialNumber,
        String originalFileName,
        String archivedFileName,
        List<DuplicateDocumentSummary> duplicateDocuments,
        Integer owner,
        Permissions permissions,
        Boolean userCanChange,
        Boolean isSharedByRequester,
        List<Note> notes,
        List<CustomFieldInstance> customFields,
        Integer pageCount,
        String mimeType,
        Integer rootDocument,
        List<DocumentVersionInfo> versions,
        Permissions setPermissions,
        @JsonProperty("__search_hit__") SearchHit searchHit) implements HasId {

    /** Whether the document is in the trash. */
    public boolean isDeleted() {
        return deletedAt != null;
    }

    /** Whether this document came from a full-text search (and carries {@link #searchHit()}). */
    public boolean hasSearchHit() {
        return searchHit != null;
    }
}
