package dev.graft.agent.core;

import dev.graft.patch.PatchRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;

/**
 * Receives exceptions that escaped spliced code (through GraftBridge): counts each, and logs them at
 * most once per second per patch, so a snippet failing on every call cannot flood the log.
 */
final class ExceptionSink implements BiConsumer<String, Throwable> {
  private static final long LOG_INTERVAL_NANOS = 1_000_000_000L;
  private final PatchRegistry registry;
  private final Logger log;
  private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();

  ExceptionSink(PatchRegistry registry, Logger log) {
    this.registry = registry;
    this.log = log;
  }

  @Override
  public void accept(String patchId, Throwable thrown) {
    registry.countException(patchId);
    long now = System.nanoTime();
    Long last = lastLogged.get(patchId);
    if (last == null || now - last >= LOG_INTERVAL_NANOS) {
      lastLogged.put(patchId, now);
      log.warn("patch {} raised an exception (caught; {} so far; logged at most once a second)", patchId,
          registry.exceptionCount(patchId), thrown);
    }
  }
}
