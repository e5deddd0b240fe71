package io.github.camelpaperless.quarkus;

import org.apache.camel.builder.RouteBuilder;

/** The routes of the test application: Camel Quarkus finds RouteBuilders by itself. */
public class PaperlessRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("direct:tag").to("paperless:tags?operation=get");
        from("direct:inbox").to("paperless:documents?operation=page");
    }
}
