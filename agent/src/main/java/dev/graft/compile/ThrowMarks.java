package dev.graft.compile;

import dev.graft.weave.SnippetWrapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Marks every {@code throw} the user wrote: {@code throw e;} becomes {@code throw __graft$throw(e);}, an
 * identity call the weaver recognises and drops. Keeps what it inserted, so compiler columns still point
 * into the user's own text.
 */
record ThrowMarks(String text, List<long[]> insertions) {
  private static final String OPEN = SnippetWrapper.THROW + "(";
  private static final String CLOSE = ")";

  static ThrowMarks of(String source, List<long[]> thrownSpans) {
    List<long[]> spans = new ArrayList<>(thrownSpans);
    spans.sort(Comparator.comparingLong((long[] span) -> span[0]).reversed());
    StringBuilder text = new StringBuilder(source);
    List<long[]> insertions = new ArrayList<>(); // {line, column (1-based, original), length}
    for (long[] span : spans) {
      text.insert((int) span[1], CLOSE);
      text.insert((int) span[0], OPEN);
    }
    for (long[] span : thrownSpans) {
      insertions.add(new long[] {lineOf(source, span[0]), columnOf(source, span[0]), OPEN.length()});
      insertions.add(new long[] {lineOf(source, span[1]), columnOf(source, span[1]), CLOSE.length()});
    }
    return new ThrowMarks(text.toString(), insertions);
  }

  /** The column in the user's text of a column javac reported in the marked text. */
  long originalColumn(long line, long column) {
    long shift = 0;
    for (long[] insertion : insertions) {
      if (insertion[0] == line && insertion[1] + shift < column) {
        shift += insertion[2];
      }
    }
    return column - shift;
  }

  private static long lineOf(String text, long offset) {
    return text.substring(0, (int) offset).chars().filter(c -> c == '\n').count() + 1;
  }

  private static long columnOf(String text, long offset) {
    return offset - text.lastIndexOf('\n', (int) offset - 1);
  }
}
