package dev.graft.script;

import dev.graft.protocol.GraftException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a patch script (DESIGN §3): one statement per patch, {@code inject TARGET [flags] { java }} or
 * {@code rebind WHERE [flags] NAME = EXPR;}, and {@code #} comments between statements. Java inside a
 * block is read as Java: braces in strings, text blocks, char literals and comments do not end it.
 * Errors name {@code file:line:column}.
 */
public final class ScriptParser {
  private final String file;
  private final String text;
  private int position;
  private int line = 1;
  private int column = 1;

  public ScriptParser(String file, String text) {
    this.file = file;
    this.text = text;
  }

  public List<ScriptStatement> parse() {
    List<ScriptStatement> statements = new ArrayList<>();
    while (true) {
      skipBlanksAndComments();
      if (atEnd()) {
        return statements;
      }
      int startLine = line;
      int startColumn = column;
      String keyword = word();
      switch (keyword) {
        case ScriptStatement.INJECT -> statements.add(inject(startLine, startColumn));
        case ScriptStatement.REBIND -> statements.add(rebind(startLine, startColumn));
        default -> throw error(startLine, startColumn, "expected 'inject' or 'rebind', found '" + keyword + "'");
      }
    }
  }

  private ScriptStatement inject(int startLine, int startColumn) {
    String target = target(startLine, startColumn, "inject");
    List<String> options = options();
    skipBlanksAndComments();
    if (atEnd() || peek() != '{') {
      throw error(line, column, "expected '{' to open the Java block of the inject at " + startLine + ":" + startColumn);
    }
    int braceLine = line;
    int braceColumn = column;
    advance();
    int codeLine = line;
    int codeColumn = column;
    int codeStart = position;
    int depth = 1;
    while (depth > 0) {
      if (atEnd()) {
        throw error(braceLine, braceColumn, "the '{' opened here is never closed");
      }
      char c = peek();
      if (c == '{') {
        depth++;
        advance();
      } else if (c == '}') {
        depth--;
        advance();
      } else {
        skipJavaToken(braceLine, braceColumn);
      }
    }
    String code = text.substring(codeStart, position - 1);
    return new ScriptStatement(ScriptStatement.INJECT, startLine, startColumn, target, options, code, codeLine, codeColumn);
  }

  private ScriptStatement rebind(int startLine, int startColumn) {
    String target = target(startLine, startColumn, "rebind");
    List<String> options = options();
    skipBlanksAndComments();
    int codeLine = line;
    int codeColumn = column;
    int codeStart = position;
    int parentheses = 0;
    while (true) {
      if (atEnd()) {
        throw error(startLine, startColumn, "the rebind that starts here has no ';' at its end");
      }
      char c = peek();
      if (c == ';' && parentheses == 0) {
        break;
      }
      if (c == '(' || c == '{' || c == '[') {
        parentheses++;
        advance();
      } else if (c == ')' || c == '}' || c == ']') {
        parentheses--;
        advance();
      } else {
        skipJavaToken(startLine, startColumn);
      }
    }
    String code = text.substring(codeStart, position).trim();
    advance(); // the ';'
    if (!code.contains("=")) {
      throw error(codeLine, codeColumn, "expected NAME = EXPR (or OWNER.FIELD = EXPR) after the rebind's target");
    }
    return new ScriptStatement(ScriptStatement.REBIND, startLine, startColumn, target, options, code, codeLine, codeColumn);
  }

  private String target(int startLine, int startColumn, String keyword) {
    skipBlanks();
    if (atEnd() || peek() == '{' || peek() == ';' || peek() == '\n') {
      throw error(startLine, startColumn, keyword + " needs a target, e.g. " + keyword + " com.acme.Shop:42");
    }
    return word();
  }

  /** Flags after the target: {@code --propagate}, {@code --on-throw}, {@code --index K}, {@code --loader ID|NAME}, {@code --loader-of CLASS}. */
  private List<String> options() {
    List<String> options = new ArrayList<>();
    while (true) {
      skipBlanks();
      if (atEnd() || !text.startsWith("--", position)) {
        return options;
      }
      int optionLine = line;
      int optionColumn = column;
      String option = word();
      options.add(option);
      if (option.equals("--index") || option.equals("--loader") || option.equals("--loader-of")) {
        skipBlanks();
        String value = word();
        if (option.equals("--index") ? !value.matches("\\d+") : value.isEmpty() || value.startsWith("{")) {
          String found = value.isEmpty() && !atEnd() ? String.valueOf(text.charAt(position)) : value;
          throw error(optionLine, optionColumn, option + (option.equals("--index") ? " needs a number" : " needs a value") + ", found '" + found + "'");
        }
        options.add(value);
      } else if (!option.equals("--propagate") && !option.equals("--on-throw")) {
        throw error(optionLine, optionColumn, "unknown option " + option
            + " (a script knows --propagate, --on-throw, --index K, --loader ID|NAME and --loader-of CLASS)");
      }
    }
  }

  /** Skips one lexical piece of Java: a string, text block, char literal, comment, or one character. */
  private void skipJavaToken(int openLine, int openColumn) {
    if (text.startsWith("\"\"\"", position)) {
      skipUntil("\"\"\"", 3, openLine, openColumn, "text block");
    } else if (peek() == '"' || peek() == '\'') {
      char quote = peek();
      int literalLine = line;
      int literalColumn = column;
      advance();
      while (!atEnd() && peek() != quote) {
        if (peek() == '\n') {
          throw error(literalLine, literalColumn, "unclosed " + (quote == '"' ? "string" : "char") + " literal");
        }
        if (peek() == '\\') {
          advance();
        }
        advance();
      }
      if (atEnd()) {
        throw error(literalLine, literalColumn, "unclosed " + (quote == '"' ? "string" : "char") + " literal");
      }
      advance();
    } else if (text.startsWith("//", position)) {
      while (!atEnd() && peek() != '\n') {
        advance();
      }
    } else if (text.startsWith("/*", position)) {
      skipUntil("*/", 2, openLine, openColumn, "comment");
    } else {
      advance();
    }
  }

  private void skipUntil(String end, int openerLength, int openLine, int openColumn, String what) {
    int startLine = line;
    int startColumn = column;
    for (int i = 0; i < openerLength; i++) {
      advance();
    }
    while (!text.startsWith(end, position)) {
      if (atEnd()) {
        throw error(startLine, startColumn, "unclosed " + what);
      }
      if (what.equals("text block") && peek() == '\\') {
        advance();
      }
      advance();
    }
    for (int i = 0; i < end.length(); i++) {
      advance();
    }
  }

  private String word() {
    int start = position;
    while (!atEnd() && !Character.isWhitespace(peek()) && peek() != '{' && peek() != ';') {
      advance();
    }
    return text.substring(start, position);
  }

  private void skipBlanksAndComments() {
    while (!atEnd()) {
      if (Character.isWhitespace(peek())) {
        advance();
      } else if (peek() == '#') {
        while (!atEnd() && peek() != '\n') {
          advance();
        }
      } else {
        return;
      }
    }
  }

  private void skipBlanks() {
    while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
      advance();
    }
  }

  private boolean atEnd() {
    return position >= text.length();
  }

  private char peek() {
    return text.charAt(position);
  }

  private void advance() {
    if (text.charAt(position) == '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
    position++;
  }

  private GraftException error(int errorLine, int errorColumn, String message) {
    return GraftException.rejected(file + ":" + errorLine + ":" + errorColumn + ": " + message);
  }
}
