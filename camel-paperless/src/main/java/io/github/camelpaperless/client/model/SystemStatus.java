package io.github.camelpaperless.client.model;


import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The system status ({@code /api/status/}); needs staff or the system-monitoring permission. Sub-sections stay JSON.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SystemStatus(
        String pngxVersion,
        String serverOs,
        String installType,
        JsonNode storage,
        JsonNode database,
        JsonNode tasks,
        JsonNode index,
        JsonNode classifier,
        JsonNode sanityCheck) {
}
