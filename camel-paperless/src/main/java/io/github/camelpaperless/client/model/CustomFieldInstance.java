package io.github.camelpaperless.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A custom field value on a document: {@code {"field": id, "value": ...}}. The value's JSON type depends on the field's
 * {@link CustomFieldDataType}; {@code null} is allowed.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CustomFieldInstance(Integer field, Object value) {
}
