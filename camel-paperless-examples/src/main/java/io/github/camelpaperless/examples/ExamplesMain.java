package io.github.camelpaperless.examples;

import org.apache.camel.main.Main;

/** Starts the example routes with Camel Main (configured by application.properties and environment variables). */
public final class ExamplesMain {

    private ExamplesMain() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main(ExamplesMain.class);
        main.run(args);
    }
}
