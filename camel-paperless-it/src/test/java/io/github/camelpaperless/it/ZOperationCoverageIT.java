package io.github.camelpaperless.it;

import java.util.ArrayList;
import java.util.List;

import io.github.camelpaperless.component.PaperlessResource;
import io.github.camelpaperless.it.support.CoverageRecorder;
import io.github.camelpaperless.it.support.RealServer;
import io.github.camelpaperless.it.support.RealServerTest;
import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs last (Failsafe runs the *IT classes in alphabetical order): every operation of every resource was sent to every
 * real server by the tests before it. Skipped when only some tests were selected ({@code -Dit.test=...}).
 */
class ZOperationCoverageIT {

    @RealServerTest
    void everyResourceAndOperationMetThisServer(RealServer s) {
        String selected = System.getProperty("paperless.it.selected", "");
        Assumptions.assumeTrue(selected.isBlank() || selected.startsWith("${"),
                "only some real-server tests ran (-Dit.test=" + selected + "): the coverage check needs all of them");
        List<String> missing = new ArrayList<>();
        for (PaperlessResource r : PaperlessResource.values()) {
            for (String op : r.operations()) {
                if (!CoverageRecorder.sent(s.displayName(), r.path(), op)) {
                    missing.add(r.path() + " " + op);
                }
            }
        }
        assertThat(missing).as("operations no real-server test sent to " + s.displayName()).isEmpty();
    }
}
