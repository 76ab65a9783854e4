package dev.graft.agent.core;

import dev.graft.patch.PatchRegistry;
import dev.graft.weave.SnippetSplicer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Receives the exceptions spliced code caught, which it reports on the java.util.logging logger
 * {@value SnippetSplicer#EXCEPTION_LOGGER} (message: the patch id): counts each, and logs them at most once
 * a second per patch, so a snippet failing on every call cannot flood the log. Nothing reaches the
 * application's own logging: the logger does not pass records to its parents.
 */
final class ExceptionSink extends Handler {
  private static final long LOG_INTERVAL_NANOS = 1_000_000_000L;
  private final PatchRegistry registry;
  private final org.slf4j.Logger log;
  private final Map<String, AtomicLong> lastLogged = new ConcurrentHashMap<>();

  private ExceptionSink(PatchRegistry registry, org.slf4j.Logger log) {
    this.registry = registry;
    this.log = log;
  }

  /** Listens on the logger spliced code reports to; the returned logger must be kept (JUL holds loggers weakly). */
  static java.util.logging.Logger listen(PatchRegistry registry, org.slf4j.Logger log) {
    java.util.logging.Logger channel = java.util.logging.Logger.getLogger(SnippetSplicer.EXCEPTION_LOGGER);
    channel.setUseParentHandlers(false);
    channel.setLevel(Level.ALL);
    channel.addHandler(new ExceptionSink(registry, log));
    return channel;
  }

  @Override
  public void publish(LogRecord record) {
    String patchId = record.getMessage();
    registry.countException(patchId);
    long now = System.nanoTime();
    AtomicLong last = lastLogged.computeIfAbsent(patchId, id -> new AtomicLong(now - LOG_INTERVAL_NANOS));
    long previous = last.get();
    // many threads fail at once: only the one that wins the exchange logs
    if (now - previous >= LOG_INTERVAL_NANOS && last.compareAndSet(previous, now)) {
      log.warn("patch {} raised an exception (caught; {} so far; logged at most once a second)", patchId,
          registry.exceptionCount(patchId), record.getThrown());
    }
  }

  @Override
  public void flush() {
    // nothing is buffered
  }

  @Override
  public void close() {
    // nothing to release
  }
}
