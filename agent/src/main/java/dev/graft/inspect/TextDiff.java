package dev.graft.inspect;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.List;

/** Unified diffs of bytecode text (java-diff-utils). */
public final class TextDiff {
  private static final int CONTEXT_LINES = 3;

  private TextDiff() {}

  public static String unified(String originalName, String original, String patchedName, String patched) {
    List<String> before = original.lines().toList();
    List<String> after = patched.lines().toList();
    List<String> diff = UnifiedDiffUtils.generateUnifiedDiff(
        originalName, patchedName, before, DiffUtils.diff(before, after), CONTEXT_LINES);
    return String.join("\n", diff) + (diff.isEmpty() ? "" : "\n");
  }
}
