package io.github.camelpaperless.client;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryBuildersTest {

    @Test
    void searchQueryQuotesEscapesAndGroups() {
        SearchQuery q = SearchQuery.or(
                SearchQuery.and(SearchQuery.term("invoice"), SearchQuery.field("tag", "to do")),
                SearchQuery.not(SearchQuery.phrase("say \"hi\"")),
                SearchQuery.range("created", "2026-01-01", null),
                SearchQuery.term("AND"));
        assertThat(q.toString()).isEqualTo(
                "(invoice AND tag:\"to do\") OR NOT \"say \\\"hi\\\"\" OR created:[2026-01-01 to *] OR \"AND\"");
        assertThat(SearchQuery.field("notes.note", "a:b").toString()).isEqualTo("notes.note:\"a:b\"");
        assertThatThrownBy(() -> SearchQuery.term("")).hasMessageContaining("must not be empty");
    }

    @Test
    void customFieldQueryBuildsTheServersJsonAndEnforcesItsLimits() {
        CustomFieldQuery q = CustomFieldQuery.or(
                CustomFieldQuery.atom("address", "isnull", true),
                CustomFieldQuery.atom(3, "exact", ""),
                CustomFieldQuery.atom("due", "year__exact", 2024),
                CustomFieldQuery.atom("references", "contains", List.of(3, 7)));
        assertThat(q.toString()).isEqualTo(
                "[\"OR\",[[\"address\",\"isnull\",true],[3,\"exact\",\"\"],[\"due\",\"year__exact\",2024],[\"references\",\"contains\",[3,7]]]]");
        assertThat(CustomFieldQuery.not(CustomFieldQuery.atom("foo", "EXISTS", false)).toString())
                .isEqualTo("[\"NOT\",[\"foo\",\"exists\",false]]");
        assertThatThrownBy(() -> CustomFieldQuery.atom("x", "like", 1)).hasMessageContaining("Unknown custom_field_query operator 'like'");
        assertThatThrownBy(() -> CustomFieldQuery.atom("x", "century__exact", 1)).hasMessageContaining("Unknown date part");
        assertThatThrownBy(() -> CustomFieldQuery.atom(1.5, "exact", 1)).hasMessageContaining("Integer id or String name");
        List<CustomFieldQuery> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add(CustomFieldQuery.atom(i, "exact", i));
        }
        assertThatThrownBy(() -> CustomFieldQuery.and(many.toArray(new CustomFieldQuery[0]))).hasMessageContaining("at most 20");
        CustomFieldQuery deep = CustomFieldQuery.atom(1, "exact", 1);
        for (int i = 0; i < 9; i++) {
            deep = CustomFieldQuery.not(deep);
        }
        CustomFieldQuery tooDeep = deep;
        assertThatThrownBy(() -> CustomFieldQuery.not(tooDeep)).hasMessageContaining("depth");
    }

    @Test
    void customFieldValuesAreCheckedPerType() {
        var money = new io.github.camelpaperless.client.model.CustomField(1, "Amount",
                io.github.camelpaperless.client.model.CustomFieldDataType.MONETARY, null, 0);
        assertThat(CustomFields.toApiValue(money, "EUR12.50")).isEqualTo("EUR12.50");
        assertThat(CustomFields.toApiValue(money, "USD-3.10")).isEqualTo("USD-3.10");
        assertThat(CustomFields.toApiValue(money, 12.5)).isEqualTo("12.50");
        assertThatThrownBy(() -> CustomFields.toApiValue(money, "EUR12")).hasMessageContaining("EUR12.00");
        assertThat(CustomFields.Monetary.parse("EUR-12.50").amount()).isEqualByComparingTo("-12.50");
        var integer = new io.github.camelpaperless.client.model.CustomField(2, "Count",
                io.github.camelpaperless.client.model.CustomFieldDataType.INTEGER, null, 0);
        assertThatThrownBy(() -> CustomFields.toApiValue(integer, 3_000_000_000L)).hasMessageContaining("between");
        assertThatThrownBy(() -> CustomFields.toApiValue(integer, "12a")).hasMessageContaining("a whole number");
        var date = new io.github.camelpaperless.client.model.CustomField(3, "Due",
                io.github.camelpaperless.client.model.CustomFieldDataType.DATE, null, 0);
        assertThatThrownBy(() -> CustomFields.toApiValue(date, "31.12.2026")).hasMessageContaining("YYYY-MM-DD");
        var link = new io.github.camelpaperless.client.model.CustomField(4, "Refs",
                io.github.camelpaperless.client.model.CustomFieldDataType.DOCUMENTLINK, null, 0);
        assertThat(CustomFields.toApiValue(link, "3, 7")).isEqualTo(List.of(3, 7));
        var bool = new io.github.camelpaperless.client.model.CustomField(5, "Paid",
                io.github.camelpaperless.client.model.CustomFieldDataType.BOOLEAN, null, 0);
        assertThatThrownBy(() -> CustomFields.toApiValue(bool, "yes")).hasMessageContaining("true or false");
    }
}
