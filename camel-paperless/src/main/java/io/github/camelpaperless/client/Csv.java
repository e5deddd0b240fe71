package io.github.camelpaperless.client;

import java.util.ArrayList;
import java.util.List;

/** Comma separated values as options and headers carry them: trimmed, blanks dropped. */
public final class Csv {

    private Csv() {
    }

    /** The non-blank, trimmed items of a comma separated String; empty for {@code null}. */
    public static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        if (value != null) {
            for (String s : value.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }
}
