import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The release-bundle check of a published module, run by the build at {@code verify} (parent POM, execution
 * {@code check-bundle}): the artifacts a public Maven repository requires are all there and complete, so that a
 * release cannot go out half-made.
 *
 * <pre>
 * java CheckBundle.java TARGET_DIR FINAL_NAME PACKAGING OUTPUT_TIMESTAMP key=value...
 * </pre>
 *
 * Checks: the jar, the -sources and -javadoc jars exist, each with META-INF/LICENSE and META-INF/NOTICE; the main jar
 * is not empty and its entries carry the reproducible timestamp; the CycloneDX SBOM exists and names the module; every
 * POM element given as key=value (name, description, url, licence, developer, scm) has a value (an unresolved
 * {@code ${...}} counts as missing). Prints every problem, exits 1 when there is one.
 */
public class CheckBundle {

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]);
        String finalName = args[1];
        String packaging = args[2];
        String timestamp = args[3];
        List<String> problems = new ArrayList<>();

        for (int i = 4; i < args.length; i++) {
            String pair = args[i];
            int eq = pair.indexOf('=');
            String key = pair.substring(0, eq);
            String value = pair.substring(eq + 1).trim();
            if (value.isEmpty() || value.contains("${") || value.equals("null")) {
                problems.add("POM element " + key + " is missing (a public repository requires it)");
            }
        }

        if (packaging.equals("jar")) {
            Path main = target.resolve(finalName + ".jar");
            checkJar(main, "jar", problems, true, timestamp);
            checkJar(target.resolve(finalName + "-sources.jar"), "sources jar", problems, false, null);
            Path javadoc = target.resolve(finalName + "-javadoc.jar");
            checkJar(javadoc, "javadoc jar", problems, false, null);
            if (hasEntry(main, ".class") && Files.isRegularFile(javadoc) && !hasEntry(javadoc, "index.html")) {
                problems.add("javadoc jar " + javadoc.getFileName() + " has no index.html at its root");
            }
            Path sbom = target.resolve("bom.json");
            if (!Files.isRegularFile(sbom)) {
                problems.add("SBOM missing: " + sbom.getFileName() + " (cyclonedx-maven-plugin makeBom)");
            } else {
                String bom = Files.readString(sbom);
                if (!bom.contains("\"bomFormat\" : \"CycloneDX\"") && !bom.contains("\"bomFormat\":\"CycloneDX\"")) {
                    problems.add("SBOM " + sbom.getFileName() + " is not a CycloneDX document");
                }
                String artifactId = finalName.substring(0, finalName.lastIndexOf('-', finalName.indexOf('.')));
                if (!bom.contains("\"name\" : \"" + artifactId + "\"") && !bom.contains("\"name\":\"" + artifactId + "\"")) {
                    problems.add("SBOM " + sbom.getFileName() + " does not describe " + artifactId);
                }
            }
        }

        if (!problems.isEmpty()) {
            System.err.println("Release bundle of " + finalName + " is incomplete:");
            problems.forEach(p -> System.err.println("  - " + p));
            System.exit(1);
        }
        System.out.println("Release bundle of " + finalName + " is complete: jar, sources, javadoc, SBOM, POM metadata, "
                           + "LICENSE and NOTICE, reproducible timestamps");
    }

    /** Whether the jar has an entry named so (at its root) or, for a name starting with '.', ending so. */
    private static boolean hasEntry(Path jar, String name) throws IOException {
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        try (JarFile f = new JarFile(jar.toFile())) {
            return name.startsWith(".") ? f.stream().anyMatch(e -> e.getName().endsWith(name)) : f.getEntry(name) != null;
        }
    }

    private static void checkJar(Path jar, String what, List<String> problems, boolean main, String timestamp)
            throws IOException {
        if (!Files.isRegularFile(jar)) {
            problems.add(what + " missing: " + jar.getFileName());
            return;
        }
        try (JarFile f = new JarFile(jar.toFile())) {
            for (String required : List.of("META-INF/LICENSE", "META-INF/NOTICE")) {
                if (f.getEntry(required) == null) {
                    problems.add(what + " " + jar.getFileName() + " lacks " + required);
                }
            }
            int content = 0;
            List<String> stamped = new ArrayList<>();
            Instant expected = timestamp == null || timestamp.isBlank() || timestamp.contains("${") ? null
                    : Instant.parse(timestamp);
            for (Enumeration<JarEntry> e = f.entries(); e.hasMoreElements();) {
                JarEntry entry = e.nextElement();
                if (!entry.isDirectory() && !entry.getName().startsWith("META-INF/")) {
                    content++;
                }
                FileTime t = entry.getLastModifiedTime();
                if (expected != null && t != null && Math.abs(t.toInstant().getEpochSecond() - expected.getEpochSecond()) > 2
                        && stamped.size() < 3) {
                    stamped.add(entry.getName() + " at " + t);
                }
            }
            if (main && content == 0) {
                problems.add(what + " " + jar.getFileName() + " holds nothing but META-INF");
            }
            if (main && expected == null) {
                problems.add("project.build.outputTimestamp is not set: builds are not reproducible");
            }
            if (!stamped.isEmpty()) {
                problems.add(what + " " + jar.getFileName() + " has entries not at the reproducible timestamp "
                             + timestamp + ": " + stamped);
            }
        }
    }
}
