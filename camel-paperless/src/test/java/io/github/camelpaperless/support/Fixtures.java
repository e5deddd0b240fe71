package io.github.camelpaperless.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/** JSON fixtures shaped on the real server's answers ({@code src/test/resources/fixtures}). */
public final class Fixtures {

    private Fixtures() {
    }

    public static String json(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A DRF page: {@code {"count", "next", "previous", "results"}} (API 10 shape, no "all"). */
    public static String page(long count, String next, String previous, String... items) {
        return "{\"count\":" + count + ",\"next\":" + quote(next) + ",\"previous\":" + quote(previous)
               + ",\"results\":[" + Arrays.stream(items).collect(Collectors.joining(",")) + "]}";
    }

    /** A DRF page with the API 9 "all" key. */
    public static String pageV9(long count, String next, String previous, String all, String... items) {
        return "{\"count\":" + count + ",\"next\":" + quote(next) + ",\"previous\":" + quote(previous) + ",\"all\":" + all
               + ",\"results\":[" + Arrays.stream(items).collect(Collectors.joining(",")) + "]}";
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
