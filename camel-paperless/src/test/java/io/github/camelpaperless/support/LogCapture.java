package io.github.camelpaperless.support;

import java.util.ArrayList;
import java.util.List;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Captures everything logged (at TRACE, all loggers, with stack traces) while open. */
public final class LogCapture implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();
    private final Appender appender;
    private final Level previous;

    public LogCapture() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration cfg = ctx.getConfiguration();
        PatternLayout layout = PatternLayout.newBuilder().withPattern("%p %c - %m%n%throwable").build();
        appender = new AbstractAppender("capture-" + System.nanoTime(), null, layout, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                synchronized (lines) {
                    lines.add(new String(getLayout().toByteArray(event)));
                }
            }
        };
        appender.start();
        LoggerConfig root = cfg.getRootLogger();
        previous = root.getLevel();
        root.addAppender(appender, Level.TRACE, null);
        root.setLevel(Level.TRACE);
        for (LoggerConfig lc : cfg.getLoggers().values()) {
            if (lc != root) {
                lc.addAppender(appender, Level.TRACE, null);
                lc.setLevel(Level.TRACE);
            }
        }
        ctx.updateLoggers();
    }

    public String text() {
        synchronized (lines) {
            return String.join("", lines);
        }
    }

    @Override
    public void close() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration cfg = ctx.getConfiguration();
        for (LoggerConfig lc : cfg.getLoggers().values()) {
            lc.removeAppender(appender.getName());
        }
        cfg.getRootLogger().setLevel(previous);
        cfg.getLoggerConfig("io.github.camelpaperless").setLevel(Level.DEBUG);
        cfg.getLoggerConfig("WireMock").setLevel(Level.WARN);
        ctx.updateLoggers();
        appender.stop();
    }
}
