package io.github.camelpaperless.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Like {@link RealServerTest}, with the runs on the two servers at the same time. JUnit may start the class's
 * {@code @RealServersAtOnce} methods in any order, two at a time; each server still runs one test at a time (the
 * extension holds the server while a test runs on it). For tests that share nothing between runs but their server: no
 * test-instance state across methods, no fixed port, no system property, no global log capture, no fault injection.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(RealServerExtension.class)
@Execution(ExecutionMode.CONCURRENT)
public @interface RealServersAtOnce {
}
