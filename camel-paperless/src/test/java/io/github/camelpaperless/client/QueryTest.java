package io.github.camelpaperless.client;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueryTest {

    @Test
    void csvKeysAreJoinedOtherListsRepeated() {
        Query q = Query.create()
                .set("tags__id__all", List.of(1, 2))
                .set("id__in", new int[] { 3, 4 })
                .set("tags__id__none", List.of(5))
                .set("status", List.of("success", "failure"))
                .set("title__icontains", "a&b c")
                .set("ignored", null);
        assertThat(q.encode()).isEqualTo(
                "tags__id__all=1%2C2&id__in=3%2C4&tags__id__none=5&status=success&status=failure&title__icontains=a%26b%20c");
    }
}
