package io.reasonflow.features;

import java.io.StringWriter;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.WriterAppender;
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

  CapturedLog(Class<?> source) {
    logger = (Logger) LogManager.getLogger(source);
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
  }
}
