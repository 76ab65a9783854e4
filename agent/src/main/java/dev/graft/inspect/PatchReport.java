package dev.graft.inspect;

import java.util.List;

/**
 * What the agent's log keeps of a patch applied or reverted: for each method it changed, the bytecode
 * before and after (Textifier text), then their diff.
 */
public final class PatchReport {
  private PatchReport() {}

  /** @param methods name + descriptor of each method the patch changed */
  public static String of(byte[] before, byte[] after, List<String> methods) {
    StringBuilder report = new StringBuilder();
    for (String method : methods) {
      int paren = method.indexOf('(');
      String name = method.substring(0, paren);
      String descriptor = method.substring(paren);
      String beforeText = BytecodeText.ofMethod(before, name, descriptor);
      String afterText = BytecodeText.ofMethod(after, name, descriptor);
      report.append("--- before: ").append(method).append('\n').append(beforeText)
          .append("--- after: ").append(method).append('\n').append(afterText)
          .append(TextDiff.unified("before " + name, beforeText, "after " + name, afterText));
    }
    return report.toString();
  }

  /** Only the diff, as `graft diff` and the CLI show it. */
  public static String diff(byte[] before, byte[] after, List<String> methods) {
    StringBuilder text = new StringBuilder();
    for (String method : methods) {
      int paren = method.indexOf('(');
      String name = method.substring(0, paren);
      String descriptor = method.substring(paren);
      text.append(TextDiff.unified("original " + name, BytecodeText.ofMethod(before, name, descriptor),
          "patched " + name, BytecodeText.ofMethod(after, name, descriptor)));
    }
    return text.toString();
  }
}
