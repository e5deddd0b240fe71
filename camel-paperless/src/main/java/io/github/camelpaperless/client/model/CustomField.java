package io.github.camelpaperless.client.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A custom field definition. {@code extraData} holds {@code select_options} for select fields and {@code default_currency} for monetary fields.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomField(
        Integer id,
        String name,
        CustomFieldDataType dataType,
        JsonNode extraData,
        Integer documentCount) implements HasId {

    /** The select options ({@code id -> label}) of a select field, in order; empty for other types. */
    public Map<String, String> selectOptions() {
        Map<String, String> out = new LinkedHashMap<>();
        if (extraData != null) {
            for (JsonNode o : extraData.path("select_options")) {
                if (o.isObject()) {
                    out.put(o.path("id").asText(), o.path("label").asText());
                } else {
                    out.put(o.asText(), o.asText());
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
