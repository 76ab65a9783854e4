package dev.graft.cli.script;

import java.util.List;

/**
 * One patch of a script, with where the script writes it.
 *
 * @param kind {@code inject} or {@code rebind}
 * @param target an inject's TARGET, a rebind's {@code CLASS:LINE} or {@code CLASS#METHOD}
 * @param options the flags written after the target, e.g. {@code --propagate}, {@code --index 1}
 * @param code the Java block of an inject, or the {@code NAME = EXPR} of a rebind
 * @param codeLine the script line where {@code code} begins
 * @param codeColumn the script column where {@code code} begins
 */
public record ScriptStatement(String kind, int line, int column, String target, List<String> options, String code,
    int codeLine, int codeColumn) {
  public static final String INJECT = "inject";
  public static final String REBIND = "rebind";

  /** {@code file:line:column} of a position inside the code, given in the code's own lines and columns. */
  public String positionInCode(String file, long codeRelativeLine, long codeRelativeColumn) {
    long scriptLine = codeLine + codeRelativeLine - 1;
    long scriptColumn = codeRelativeLine == 1 ? codeColumn + codeRelativeColumn - 1 : codeRelativeColumn;
    return file + ":" + scriptLine + ":" + scriptColumn;
  }

  public String position(String file) {
    return file + ":" + line + ":" + column;
  }
}
