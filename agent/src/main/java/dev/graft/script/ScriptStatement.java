package dev.graft.script;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One patch of a script, with where the script writes it.
 *
 * @param kind {@code inject} or {@code rebind}
 * @param target an inject's TARGET, a rebind's {@code CLASS:LINE} or {@code CLASS#METHOD}
 * @param options the flags written after the target, e.g. {@code --propagate}, {@code --index 1}, {@code --loader LaunchedClassLoader}
 * @param code the Java block of an inject, or the {@code NAME = EXPR} of a rebind
 * @param codeLine the script line where {@code code} begins
 * @param codeColumn the script column where {@code code} begins
 */
public record ScriptStatement(String kind, int line, int column, String target, List<String> options, String code,
    int codeLine, int codeColumn) {
  public static final String INJECT = "inject";
  public static final String REBIND = "rebind";

  /** The loader the statement names ({@code --loader ID|NAME}, {@code --loader-of CLASS}), as a selector; null for none. */
  public String loader() {
    int named = options.indexOf("--loader");
    if (named >= 0) {
      return options.get(named + 1);
    }
    int of = options.indexOf("--loader-of");
    return of < 0 ? null : dev.graft.protocol.Protocol.LOADER_OF + options.get(of + 1);
  }
  private static final Pattern CODE_POSITION = Pattern.compile("^(?:snippet|expression):(\\d+):(\\d+):", Pattern.MULTILINE);

  /** {@code file:line:column} of a position inside the code, given in the code's own lines and columns. */
  public String positionInCode(String file, long codeRelativeLine, long codeRelativeColumn) {
    long scriptLine = codeLine + codeRelativeLine - 1;
    long scriptColumn = codeRelativeLine == 1 ? codeColumn + codeRelativeColumn - 1 : codeRelativeColumn;
    return file + ":" + scriptLine + ":" + scriptColumn;
  }

  /**
   * A failure of this patch, placed in the script: compiler positions ({@code snippet:L:C:} or
   * {@code expression:L:C:}) become script positions, anything else is prefixed with the statement's.
   */
  public String locate(String file, String message) {
    Matcher position = CODE_POSITION.matcher(message);
    if (!position.find()) {
      return position(file) + ": " + message;
    }
    // a rebind's code is NAME = EXPR: the compiled expression starts after the '=' and its blanks
    int expressionStart = kind.equals(REBIND) ? code.indexOf('=') + 1 : 0;
    while (kind.equals(REBIND) && expressionStart < code.length() && Character.isWhitespace(code.charAt(expressionStart))) {
      expressionStart++;
    }
    StringBuilder mapped = new StringBuilder();
    position.reset();
    while (position.find()) {
      long codeLine = Long.parseLong(position.group(1));
      long codeColumnHere = Long.parseLong(position.group(2)) + (codeLine == 1 ? expressionStart : 0);
      position.appendReplacement(mapped, Matcher.quoteReplacement(positionInCode(file, codeLine, codeColumnHere) + ":"));
    }
    position.appendTail(mapped);
    return mapped.toString();
  }

  public String position(String file) {
    return file + ":" + line + ":" + column;
  }
}
