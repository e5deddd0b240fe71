package io.github.camelpaperless.client.model;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The type of a task (API 10 {@code task_type}; API 9 {@code task_name}, with its two older names mapped). */
public enum TaskType {
    CONSUME_FILE("consume_file"),
    TRAIN_CLASSIFIER("train_classifier"),
    SANITY_CHECK("sanity_check"),
    INDEX_OPTIMIZE("index_optimize"),
    MAIL_FETCH("mail_fetch"),
    LLM_INDEX("llm_index"),
    EMPTY_TRASH("empty_trash"),
    CHECK_WORKFLOWS("check_workflows"),
    BULK_UPDATE("bulk_update"),
    REPROCESS_DOCUMENT("reprocess_document"),
    BUILD_SHARE_LINK("build_share_link"),
    BULK_DELETE("bulk_delete"),
    UNKNOWN("unknown");

    private final String value;

    TaskType(String value) {
        this.value = value;
    }

    /** The API value, e.g. {@code consume_file}. */
    @JsonValue
    public String value() {
        return value;
    }

    /** Reads an API value case-insensitively; unknown values give {@link #UNKNOWN}. */
    @JsonCreator
    public static TaskType of(String value) {
        if (value == null) {
            return null;
        }
        String s = value.trim().toLowerCase(Locale.ROOT);
        if (s.equals("check_sanity")) {
            return SANITY_CHECK;
        }
        if (s.equals("llmindex_update")) {
            return LLM_INDEX;
        }
        for (TaskType e : values()) {
            if (e.value.equals(s)) {
                return e;
            }
        }
        return UNKNOWN;
    }

    @Override
    public String toString() {
        return value;
    }
}
