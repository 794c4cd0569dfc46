package io.reasonflow.features;

import java.io.StringWriter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * What one class logs while open, as "LEVEL message" lines: the jobs report through SLF4J (log4j 2
 * in tests, as on a Flink cluster), so a test reads their warnings here rather than from a
 * redirected stderr.
 */
final class CapturedLog implements AutoCloseable {
  private final StringWriter text = new StringWriter();
  private final Logger logger;
  private final WriterAppender appender;
  private final Level before;

  CapturedLog(Class<?> source) {
    this(source, null);
  }

  /**
   * Captures from {@code level} up, whatever the test configuration's level (the tests' root is
   * WARN, and an operator's summary is INFO); the logger's level is restored on close.
   */
  CapturedLog(Class<?> source, Level level) {
    logger = (Logger) LogManager.getLogger(source);
    before = logger.getLevel();
    if (level != null) {
      Configurator.setLevel(source.getName(), level);
    }
    appender =
        WriterAppender.newBuilder()
            .setName("captured-" + source.getSimpleName())
            .setTarget(text)
            .setLayout(PatternLayout.newBuilder().withPattern("%level %msg%n").build())
            .build();
    appender.start();
    logger.addAppender(appender);
  }

  String text() {
    synchronized (text) {
      return text.toString();
    }
  }

  @Override
  public void close() {
    logger.removeAppender(appender);
    appender.stop();
    if (logger.getLevel() != before) {
      Configurator.setLevel(logger.getName(), before);
    }
  }
}
