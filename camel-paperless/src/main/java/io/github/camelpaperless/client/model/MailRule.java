package io.github.camelpaperless.client.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A mail rule. Integer codes as documented by Paperless-ngx ({@code action}: 1 delete, 2 move, 3 mark read, 4 flag, 5 tag).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MailRule(
        Integer id,
        String name,
        Integer account,
        Boolean enabled,
        String folder,
        String filterFrom,
        String filterTo,
        String filterSubject,
        String filterBody,
        String filterAttachmentFilenameInclude,
        String filterAttachmentFilenameExclude,
        Integer maximumAge,
        Integer action,
        String actionParameter,
        Integer assignTitleFrom,
        List<Integer> assignTags,
        Integer assignCorrespondentFrom,
        Integer assignCorrespondent,
        Integer assignDocumentType,
        Boolean assignOwnerFromRule,
        Integer order,
        Integer attachmentType,
        Integer consumptionScope,
        Integer pdfLayout,
        Boolean stopProcessing,
        Integer owner,
        Permissions permissions,
        Boolean userCanChange,
        Permissions setPermissions) implements HasId {
}
