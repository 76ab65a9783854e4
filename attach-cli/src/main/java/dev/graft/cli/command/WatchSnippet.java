package dev.graft.cli.command;

import dev.graft.protocol.Messages.WatchOpened;
import java.util.List;

/**
 * The statements a watch splices: each expression evaluated in the target's scope (what one throws is
 * kept, not thrown), the hit put in the agent's queue without waiting (full: dropped and counted). JDK
 * types only, so the patched class needs nothing of graft's.
 */
final class WatchSnippet {
  private WatchSnippet() {}

  static String of(WatchOpened watch, List<String> expressions, String condition) {
    StringBuilder code = new StringBuilder();
    code.append("if (").append(condition == null ? "true" : condition).append(") {\n");
    code.append("  Object[] __graftHit = new Object[").append(expressions.size() + 2).append("];\n");
    code.append("  __graftHit[0] = Long.valueOf(System.currentTimeMillis());\n");
    code.append("  __graftHit[1] = Thread.currentThread().getName();\n");
    for (int i = 0; i < expressions.size(); i++) {
      code.append("  try { __graftHit[").append(i + 2).append("] = (").append(expressions.get(i)).append(");")
          .append(" } catch (Throwable __graftThrown) { __graftHit[").append(i + 2).append("] = new Throwable[] {__graftThrown}; }\n");
    }
    code.append("  if (!((java.util.Queue) System.getProperties().get(\"").append(watch.queueProperty()).append("\")).offer(__graftHit)) {\n");
    code.append("    ((java.util.concurrent.atomic.AtomicLong) System.getProperties().get(\"").append(watch.droppedProperty())
        .append("\")).incrementAndGet();\n");
    code.append("  }\n}\n");
    return code.toString();
  }
}
