package io.github.camelpaperless.client.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A saved view. {@code showOnDashboard}/{@code showInSidebar} exist on API 9 only (API 10 keeps them in the UI settings).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SavedView(
        Integer id,
        String name,
        String sortField,
        Boolean sortReverse,
        List<SavedViewFilterRule> filterRules,
        Long pageSize,
        String displayMode,
        List<String> displayFields,
        Boolean showOnDashboard,
        Boolean showInSidebar,
        Integer owner,
        Permissions permissions,
        Boolean userCanChange,
        Permissions setPermissions) implements HasId {
}
