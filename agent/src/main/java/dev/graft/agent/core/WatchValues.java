package dev.graft.agent.core;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * A watched value as one short line: {@code toString} abridged, arrays and collections to a small depth
 * and length, {@code <threw NPE>} where the expression threw (the spliced code stores the Throwable in a
 * one-element Throwable array). Runs on the agent's thread, never on the application's.
 */
final class WatchValues {
  private static final int MOST_CHARS = 200;
  private static final int MOST_ELEMENTS = 8;
  private static final int DEPTH = 2;

  private WatchValues() {}

  static String render(Object value) {
    if (value instanceof Throwable[] thrown && thrown.length == 1 && thrown[0] != null) {
      Throwable t = thrown[0];
      String name = t instanceof NullPointerException ? "NPE" : t.getClass().getSimpleName();
      return "<threw " + name + (t.getMessage() == null || t instanceof NullPointerException ? "" : ": " + abridge(t.getMessage())) + ">";
    }
    return abridge(text(value, DEPTH));
  }

  private static String text(Object value, int depth) {
    if (value == null) {
      return "null";
    }
    if (value instanceof CharSequence chars) {
      return depth < DEPTH ? "\"" + chars + "\"" : chars.toString();
    }
    if (value.getClass().isArray()) {
      int length = Array.getLength(value);
      StringBuilder text = new StringBuilder("[");
      for (int i = 0; i < Math.min(length, MOST_ELEMENTS); i++) {
        text.append(i == 0 ? "" : ", ").append(depth > 0 ? text(Array.get(value, i), depth - 1) : "…");
      }
      return text.append(length > MOST_ELEMENTS ? ", … (" + length + ")]" : "]").toString();
    }
    if (value instanceof Collection<?> collection) {
      return elements(collection.iterator(), collection.size(), depth);
    }
    if (value instanceof Map<?, ?> map) {
      return "{" + elements(map.entrySet().iterator(), map.size(), depth).replaceAll("^\\[|\\]$", "") + "}";
    }
    try {
      return String.valueOf(value);
    } catch (RuntimeException | LinkageError e) {
      return "<toString threw " + e.getClass().getSimpleName() + ">";
    }
  }

  private static String elements(Iterator<?> iterator, int size, int depth) {
    StringBuilder text = new StringBuilder("[");
    try {
      for (int i = 0; i < MOST_ELEMENTS && iterator.hasNext(); i++) {
        text.append(i == 0 ? "" : ", ").append(depth > 0 ? text(iterator.next(), depth - 1) : "…");
      }
    } catch (RuntimeException concurrentlyChanged) {
      text.append(", <changing>");
    }
    return text.append(size > MOST_ELEMENTS ? ", … (" + size + ")]" : "]").toString();
  }

  private static String abridge(String text) {
    String line = text.replace('\n', ' ');
    return line.length() <= MOST_CHARS ? line : line.substring(0, MOST_CHARS - 1) + "…";
  }
}
