package io.github.camelpaperless.client.model;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A Paperless task, read from either API shape:
 * <ul>
 * <li>API 10: {@code task_type}, {@code trigger_source}, lowercase {@code status}, {@code result_data},
 * {@code related_document_ids}, {@code input_data};</li>
 * <li>API 9: {@code task_name} (read into {@link #taskType()}), {@code type}, uppercase {@code status}, {@code result}
 * (text), {@code related_document}, {@code task_file_name}.</li>
 * </ul>
 * The derived accessors ({@link #documentId()}, {@link #relatedDocuments()}, {@link #message()},
 * {@link #duplicateOf()}, {@link #fileName()}) work the same on both.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Task(
        Integer id,
        String taskId,
        @JsonAlias("task_name") TaskType taskType,
        String taskTypeDisplay,
        TriggerSource triggerSource,
        String type,
        TaskStatus status,
        String statusDisplay,
        OffsetDateTime dateCreated,
        OffsetDateTime dateStarted,
        OffsetDateTime dateDone,
        Double durationSeconds,
        Double waitTimeSeconds,
        JsonNode inputData,
        JsonNode resultData,
        String result,
        String taskFileName,
        Boolean acknowledged,
        Integer relatedDocument,
        List<Integer> relatedDocumentIds,
        List<DuplicateDocumentSummary> duplicateDocuments,
        Integer owner) implements HasId {

    /** Whether the task reached a final state: success, failure or revoked. */
    public boolean isTerminal() {
        return status == TaskStatus.SUCCESS || status == TaskStatus.FAILURE || status == TaskStatus.REVOKED;
    }

    public boolean isSuccess() {
        return status == TaskStatus.SUCCESS;
    }

    /** The ids of related documents (the created document, or the existing one a duplicate matched). */
    public List<Integer> relatedDocuments() {
        List<Integer> out = new ArrayList<>();
        if (relatedDocumentIds != null) {
            out.addAll(relatedDocumentIds);
        }
        if (relatedDocument != null && !out.contains(relatedDocument)) {
            out.add(relatedDocument);
        }
        return List.copyOf(out);
    }

    /** The id of the document the task created (successful consumption), or {@code null}. */
    public Integer documentId() {
        if (resultData != null && resultData.hasNonNull("document_id")) {
            return resultData.get("document_id").asInt();
        }
        if (isSuccess()) {
            List<Integer> r = relatedDocuments();
            return r.isEmpty() ? null : r.get(0);
        }
        return null;
    }

    /** The id of the existing document this upload duplicated, or {@code null}. */
    public Integer duplicateOf() {
        if (resultData != null && resultData.hasNonNull("duplicate_of")) {
            return resultData.get("duplicate_of").asInt();
        }
        if (result != null && result.toLowerCase().contains("duplicate")) {
            List<Integer> r = relatedDocuments();
            if (!r.isEmpty()) {
                return r.get(0);
            }
            Matcher m = Pattern.compile("#(\\d+)").matcher(result);
            if (m.find()) {
                return Integer.valueOf(m.group(1));
            }
        }
        return null;
    }

    /** A human-readable outcome: API 9's {@code result}, or the error message / reason of API 10's result data. */
    public String message() {
        if (result != null) {
            return result;
        }
        if (resultData == null || resultData.isNull()) {
            return null;
        }
        if (resultData.hasNonNull("error_message")) {
            return resultData.get("error_message").asText();
        }
        if (resultData.hasNonNull("reason")) {
            return resultData.get("reason").asText();
        }
        if (resultData.hasNonNull("duplicate_of")) {
            return "It is a duplicate of document #" + resultData.get("duplicate_of").asInt()
                   + (resultData.path("duplicate_in_trash").asBoolean() ? " (in the trash)" : "");
        }
        if (resultData.hasNonNull("document_id")) {
            return "Success. New document id " + resultData.get("document_id").asInt() + " created";
        }
        return resultData.toString();
    }

    /** The name of the consumed file, when the task consumed one. */
    public String fileName() {
        if (taskFileName != null) {
            return taskFileName;
        }
        return inputData != null && inputData.hasNonNull("filename") ? inputData.get("filename").asText() : null;
    }
}
