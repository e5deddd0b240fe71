package io.github.camelpaperless.benchmarks.sidebyside;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The side-by-side harness at a tiny size (no timing is asserted): every Java contender runs every scenario in its
 * own process and reads what the others read, and the consumer rows are filled.
 */
class HarnessSmokeTest {

    @Test
    void everyContenderRunsEveryScenarioAndTheyAgree() throws Exception {
        try (FakePaperless fake = new FakePaperless(2000, 50).start()) {
            Harness h = new Harness(Map.of("reps", "1", "uploads", "20", "warm-uploads", "50",
                    "download-mib", "4", "python", "off", "slow-docs", "500"), fake);
            h.runAll();
            List<Harness.Run> runs = h.runs();
            assertThat(runs).allSatisfy(r -> assertThat(r.error()).as(r.scenario() + " / " + r.contender()).isNull());
            // 9 scenarios × bare, client, route, and Camel's split alone beside the 3 iterate scenarios without work
            assertThat(runs).hasSize(30);
            assertThat(runs).filteredOn(r -> r.contender().equals(Harness.FLOOR))
                    .allSatisfy(r -> assertThat(r.scenario()).startsWith("iterate")).hasSize(3);
            assertThat(runs).filteredOn(r -> r.scenario().startsWith("iterate") && !r.contender().equals(Harness.FLOOR))
                    .allSatisfy(r -> assertThat(r.requests()).as(r.contender()).isGreaterThanOrEqualTo(2));
            // every contender made the same number of uploads and page requests as the others
            for (String scenario : runs.stream().map(Harness.Run::scenario).distinct().toList()) {
                assertThat(runs.stream().filter(r -> r.scenario().equals(scenario) && !r.contender().equals(Harness.FLOOR))
                        .map(Harness.Run::requests).distinct())
                        .as(scenario).hasSizeLessThanOrEqualTo(2);
            }
            String report = h.report();
            assertThat(report).contains("| iterate 2000, page 100 (docs/s) |").contains("client/bare")
                    .contains("| documents | 10 |").contains("| tasks | 9 |").contains("Fake server ceiling")
                    .contains("| iterate 2000, page 1000 |").contains("| iterate 500, page 100, 20 ms server time per page (docs/s) |")
                    .contains("| iterate 250, page 100, 20 ms server time per page, 0.2 ms work per document (docs/s) |").contains("best route/bare with this split");
            assertThat(report).doesNotContain("only ");
        }
    }
}
