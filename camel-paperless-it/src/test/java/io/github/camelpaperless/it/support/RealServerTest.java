package io.github.camelpaperless.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that runs once per real Paperless-ngx server (see {@link RealServers}); it takes a {@link RealServer}
 * parameter. Objects the test registers for clean-up are removed after each run.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(RealServerExtension.class)
public @interface RealServerTest {
}
