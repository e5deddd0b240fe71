package io.github.camelpaperless.client.model;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;

/** The type of a task (API 10 {@code task_type}; API 9 {@code task_name}, with its two older names mapped). */
public enum TaskType implements ApiValue {
    CONSUME_FILE,
    TRAIN_CLASSIFIER,
    SANITY_CHECK,
    INDEX_OPTIMIZE,
    MAIL_FETCH,
    LLM_INDEX,
    EMPTY_TRASH,
    CHECK_WORKFLOWS,
    BULK_UPDATE,
    REPROCESS_DOCUMENT,
    BUILD_SHARE_LINK,
    BULK_DELETE,
    UNKNOWN;

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
        return ApiValue.of(TaskType.class, value);
    }

    /** The API value (as {@link #value()}). */
    @Override
    public String toString() {
        return value();
    }
}
