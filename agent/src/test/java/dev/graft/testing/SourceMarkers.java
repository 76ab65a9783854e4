package dev.graft.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds a test target's source lines by the {@code //@name} marker at their end, so tests do not hard-code line numbers. */
public final class SourceMarkers {
  private static final Path TEST_SOURCES = Path.of("src", "test", "java");

  private SourceMarkers() {}

  public static int line(Class<?> type, String marker) {
    Path source = TEST_SOURCES.resolve(type.getName().replace('.', '/') + ".java");
    List<String> lines;
    try {
      lines = Files.readAllLines(source);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source.toAbsolutePath() + " (tests run from the agent module)", e);
    }
    String wanted = "//@" + marker;
    int found = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).trim().endsWith(wanted)) {
        if (found >= 0) {
          throw new IllegalStateException("marker " + wanted + " occurs twice in " + source);
        }
        found = i + 1;
      }
    }
    if (found < 0) {
      throw new IllegalStateException("no marker " + wanted + " in " + source);
    }
    return found;
  }
}
