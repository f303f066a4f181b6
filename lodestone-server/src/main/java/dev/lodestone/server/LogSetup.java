package dev.lodestone.server;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.LoggerFactory;

/** LOG_LEVEL and LOG_FORMAT (text | json), applied to Logback at start-up. */
final class LogSetup {
    private static final int ASYNC_QUEUE = 16_384;

    private LogSetup() {
    }

    static void apply(String level, String format) {
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        Encoder<ILoggingEvent> encoder;
        if ("json".equals(format)) {
            var json = new JsonEncoder();
            json.setContext(context);
            json.start();
            encoder = json;
        } else {
            var pattern = new PatternLayoutEncoder();
            pattern.setContext(context);
            pattern.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSX, UTC} %-5level %logger{0} %mdc{request_id:-} - %msg%n");
            pattern.start();
            encoder = pattern;
        }
        var appender = new ConsoleAppender<ILoggingEvent>();
        appender.setContext(context);
        appender.setName("console");
        appender.setEncoder(encoder);
        appender.start();
        // Request threads hand events to a queue; one thread writes them. A synchronous console appender serialises
        // every request on its lock (the access log writes a line per request). When the queue is full, events are
        // dropped rather than making requests wait.
        var async = new AsyncAppender();
        async.setContext(context);
        async.setName("async-console");
        async.setQueueSize(ASYNC_QUEUE);
        async.setDiscardingThreshold(0);
        async.setNeverBlock(true);
        async.addAppender(appender);
        async.start();
        var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level, Level.INFO));
        root.addAppender(async);
        // Helidon and driver chatter below WARN is noise for operators.
        context.getLogger("io.helidon").setLevel(Level.WARN);
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
    }

    /** Writes out queued log events (before the process exits). */
    static void flush() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
    }
}
