package dev.graft.agent.core;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.Logger;

/**
 * The agent's own logback context, configured in code: it never reads a logback.xml, never goes through
 * SLF4J's global LoggerFactory, and so never touches the application's logging.
 */
public final class AgentLog {
  private final LoggerContext context = new LoggerContext();
  private final Path file;

  public AgentLog(Path file) {
    this.file = file;
    context.setName("graft-agent");
    context.setMDCAdapter(new LogbackMDCAdapter()); // normally SLF4J's service provider sets it; graft bypasses that
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{ISO8601} %-5level [%thread] %logger{0} - %msg%n");
    encoder.start();
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName("file");
    appender.setFile(file.toString());
    appender.setAppend(true);
    appender.setEncoder(encoder);
    appender.start();
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    root.addAppender(appender);
    root.setLevel(Boolean.getBoolean("graft.debug") ? Level.DEBUG : Level.INFO);
    context.start();
  }

  public Logger logger(Class<?> owner) {
    return context.getLogger(owner);
  }

  public Path file() {
    return file;
  }
}
