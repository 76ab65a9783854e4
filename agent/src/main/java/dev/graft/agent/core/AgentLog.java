package dev.graft.agent.core;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.status.Status;
import dev.graft.channel.SecureDirectory;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;

/**
 * The agent's own logback context, configured in code: it never reads a logback.xml, never goes through
 * SLF4J's global LoggerFactory, and so never touches the application's logging.
 *
 * <p>A log that cannot be written (its directory read-only or full) costs the log only: patches still apply
 * and revert, and {@link #problem} says what went wrong, for {@code graft list} to report. logback records
 * its write failures in its context's status list, which nobody prints here: nothing reaches the target's
 * stderr.
 */
public final class AgentLog {
  private static final String RECOVERED = "Recovered from IO failure";
  /** The MDC key of the client a request came from: every entry written while it is worked names it. */
  private static final String CLIENT = "client";
  /** UTC, as {@code graft list} prints times, so a log line and a patch's SINCE can be matched by eye. */
  private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %-5level [%thread] %logger{0}%X{" + CLIENT + "} - %msg%n";
  private final LoggerContext context = new LoggerContext();
  private final Path file;
  /** Why there is no log file at all (its directory could not be made); null when there is one. */
  private final String unavailable;

  /** The log of this agent in {@code directory} (made 0700 if missing). */
  public static AgentLog in(Path directory, long pid) {
    Path file = directory.resolve("graft-agent-" + pid + ".log");
    try {
      SecureDirectory.prepare(directory);
      LogRetention.clean(directory, pid);
      return new AgentLog(file, null);
    } catch (IOException | RuntimeException e) {
      return new AgentLog(file, "cannot write " + file + ": " + describe(e));
    }
  }

  public AgentLog(Path file) {
    this(file, null);
  }

  private AgentLog(Path file, String unavailable) {
    this.file = file;
    this.unavailable = unavailable;
    context.setName("graft-agent");
    context.setMDCAdapter(new LogbackMDCAdapter()); // normally SLF4J's service provider sets it; graft bypasses that
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    if (unavailable == null) {
      root.addAppender(fileAppender());
    }
    root.setLevel(Boolean.getBoolean("graft.debug") ? Level.DEBUG : Level.INFO);
    context.start();
  }

  private FileAppender<ILoggingEvent> fileAppender() {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName("file");
    appender.setFile(file.toString());
    appender.setAppend(true);
    appender.setEncoder(encoder);
    appender.start();
    return appender;
  }

  public Logger logger(Class<?> owner) {
    return context.getLogger(owner);
  }

  /** Until {@link #clientDone}, entries name the client: {@code who} as {@link RequestClient#describe} words it. */
  public void client(String who) {
    if (who == null) {
      clientDone();
      return;
    }
    context.getMDCAdapter().put(CLIENT, " (" + who + ")");
  }

  public void clientDone() {
    context.getMDCAdapter().remove(CLIENT);
  }

  public Path file() {
    return file;
  }

  /**
   * Why the log cannot be written now, or null: the directory could not be made, the file not opened, or the
   * last write failed (a full disk) and logback has not recovered since.
   */
  public String problem() {
    if (unavailable != null) {
      return unavailable;
    }
    String problem = null;
    for (Status status : context.getStatusManager().getCopyOfStatusList()) {
      if (status.getLevel() == Status.ERROR) {
        problem = "cannot write " + file + ": " + (status.getThrowable() != null ? describe(status.getThrowable()) : status.getMessage());
      } else if (status.getMessage() != null && status.getMessage().startsWith(RECOVERED)) {
        problem = null;
      }
    }
    return problem;
  }

  /** The innermost message along the cause chain: the file system's own words (Read-only file system). */
  private static String describe(Throwable failure) {
    Throwable inner = failure;
    while (inner.getCause() != null) {
      inner = inner.getCause();
    }
    String message = inner.getMessage() != null ? inner.getMessage() : inner.getClass().getSimpleName();
    return inner instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason() : message;
  }
}
