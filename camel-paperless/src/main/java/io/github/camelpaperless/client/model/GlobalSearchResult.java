package io.github.camelpaperless.client.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The result of the global search ({@code /api/search/}): at most a few objects of each kind.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GlobalSearchResult(
        Integer total,
        List<Document> documents,
        List<SavedView> savedViews,
        List<Tag> tags,
        List<Correspondent> correspondents,
        List<DocumentType> documentTypes,
        List<StoragePath> storagePaths,
        List<User> users,
        List<Group> groups,
        List<MailRule> mailRules,
        List<MailAccount> mailAccounts,
        List<Workflow> workflows,
        List<CustomField> customFields) {
}
