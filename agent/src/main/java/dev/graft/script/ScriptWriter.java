package dev.graft.script;

import java.util.List;

/**
 * Writes a patch as the script statement that makes it again, in the syntax {@link ScriptParser} reads:
 * {@code inject TARGET [flags] { java }} or {@code rebind WHERE [flags] NAME = EXPR;}. What
 * {@code graft list --script} prints, so a fix made live can be applied at the next start.
 */
public final class ScriptWriter {
  private static final String INDENT = "    ";

  private ScriptWriter() {}

  /** @param code an inject's statements, or a rebind's {@code NAME = EXPR} */
  public static String statement(String kind, String target, List<String> options, String code) {
    String head = kind + " " + target + (options.isEmpty() ? "" : " " + String.join(" ", options));
    if (kind.equals(ScriptStatement.REBIND)) {
      return head + " " + code.strip() + ";\n";
    }
    String body = code.strip();
    // a one-line snippet is indented; a block the user laid out keeps its own lines as written
    return head + " {\n" + (body.contains("\n") ? body : INDENT + body) + "\n}\n";
  }
}
