package io.github.camelpaperless.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A document upload ({@code POST /api/documents/post_document/}): the content plus optional metadata. Correspondent,
 * document type, storage path and tags accept ids or names; custom fields are keyed by field id or name.
 */
public final class UploadRequest {

    private final UploadSource source;
    private String fileName;
    private String contentType;
    private String title;
    private Object created;
    private Object correspondent;
    private Object documentType;
    private Object storagePath;
    private final List<Object> tags = new ArrayList<>();
    private Long archiveSerialNumber;
    private final Map<Object, Object> customFields = new LinkedHashMap<>();
    private java.time.Duration orphanedAfter = TasksClient.DEFAULT_ORPHANED_AFTER;

    public UploadRequest(UploadSource source) {
        this.source = source;
    }

    public UploadSource source() {
        return source;
    }

    public UploadRequest fileName(String fileName) {
        this.fileName = fileName;
        return this;
    }

    public String fileName() {
        return fileName != null ? fileName : source.fileName();
    }

    /**
     * When an earlier upload of the same file whose task is still marked started is taken for orphaned (see
     * {@link TasksClient#orphanReason}); default {@link TasksClient#DEFAULT_ORPHANED_AFTER}.
     */
    public UploadRequest orphanedAfter(java.time.Duration orphanedAfter) {
        this.orphanedAfter = orphanedAfter == null ? TasksClient.DEFAULT_ORPHANED_AFTER : orphanedAfter;
        return this;
    }

    public java.time.Duration orphanedAfter() {
        return orphanedAfter;
    }

    public UploadRequest contentType(String contentType) {
        this.contentType = contentType;
        return this;
    }

    public String contentType() {
        return contentType != null ? contentType : ContentTypes.guess(fileName());
    }

    public UploadRequest title(String title) {
        this.title = title;
        return this;
    }

    public String title() {
        return title;
    }

    /** A {@code LocalDate}, {@code OffsetDateTime} or string ({@code 2016-04-19} or {@code 2016-04-19 06:15:00+02:00}). */
    public UploadRequest created(Object created) {
        this.created = created;
        return this;
    }

    public Object created() {
        return created;
    }

    public UploadRequest correspondent(Object idOrName) {
        this.correspondent = idOrName;
        return this;
    }

    public Object correspondent() {
        return correspondent;
    }

    public UploadRequest documentType(Object idOrName) {
        this.documentType = idOrName;
        return this;
    }

    public Object documentType() {
        return documentType;
    }

    public UploadRequest storagePath(Object idOrName) {
        this.storagePath = idOrName;
        return this;
    }

    public Object storagePath() {
        return storagePath;
    }

    public UploadRequest tag(Object idOrName) {
        if (idOrName != null) {
            this.tags.add(idOrName);
        }
        return this;
    }

    public UploadRequest tags(List<?> idsOrNames) {
        if (idsOrNames != null) {
            idsOrNames.forEach(this::tag);
        }
        return this;
    }

    public List<Object> tags() {
        return tags;
    }

    public UploadRequest archiveSerialNumber(Long asn) {
        this.archiveSerialNumber = asn;
        return this;
    }

    public Long archiveSerialNumber() {
        return archiveSerialNumber;
    }

    /** A custom field value set at upload; the field by id or name. */
    public UploadRequest customField(Object field, Object value) {
        this.customFields.put(field, value);
        return this;
    }

    public Map<Object, Object> customFields() {
        return customFields;
    }
}
