package dev.graft.protocol;

import java.util.Arrays;
import java.util.List;

/**
 * Where a patch goes: {@code CLASS:LINE}, {@code CLASS#METHOD:LINE}, {@code CLASS#METHOD:entry} or
 * {@code CLASS#METHOD:exit} (before every return, the value returned in scope as {@code result}), METHOD
 * optionally with parameter types, {@code Shop#discount(int,double):42}.
 *
 * @param methodName null when the line alone picks the method
 * @param parameterTypes null when any overload may match; source-style type names otherwise
 * @param line the source line, {@link #ENTRY} or {@link #EXIT}
 */
public record PatchTarget(String className, String methodName, List<String> parameterTypes, int line) {
  public static final int ENTRY = -1;
  public static final int EXIT = -2;
  private static final String ENTRY_WORD = "entry";
  private static final String EXIT_WORD = "exit";
  /** At an exit, the name of the value being returned. */
  public static final String RESULT = "result";
  /** At an exit with {@code --on-throw}, the name of the exception leaving the method (null at a return). */
  public static final String THROWN = "thrown";

  public static PatchTarget parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "target '" + text + "' has no line: write CLASS:LINE, CLASS#METHOD:LINE or CLASS#METHOD:entry");
    }
    String where = text.substring(colon + 1).trim();
    String owner = text.substring(0, colon).trim();
    int hash = owner.indexOf('#');
    String className = hash < 0 ? owner : owner.substring(0, hash);
    String method = hash < 0 ? null : owner.substring(hash + 1);
    if (className.isEmpty() || !className.matches("[\\p{javaJavaIdentifierPart}.$/]+")) {
      throw new IllegalArgumentException("target '" + text + "' does not start with a class name");
    }
    int line;
    if (where.equals(ENTRY_WORD)) {
      if (method == null) {
        throw new IllegalArgumentException("target '" + text + "': 'entry' needs a method, CLASS#METHOD:entry");
      }
      line = ENTRY;
    } else if (where.equals(EXIT_WORD)) {
      if (method == null) {
        throw new IllegalArgumentException("target '" + text + "': 'exit' needs a method, CLASS#METHOD:exit");
      }
      line = EXIT;
    } else {
      try {
        line = Integer.parseInt(where);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("target '" + text + "': '" + where + "' is neither a line number nor 'entry' nor 'exit'");
      }
      if (line <= 0) {
        throw new IllegalArgumentException("target '" + text + "': line numbers start at 1");
      }
    }
    String methodName = method;
    List<String> parameters = null;
    if (method != null) {
      int paren = method.indexOf('(');
      if (paren >= 0) {
        if (!method.endsWith(")")) {
          throw new IllegalArgumentException("target '" + text + "': unbalanced parameter list in '" + method + "'");
        }
        methodName = method.substring(0, paren);
        String inside = method.substring(paren + 1, method.length() - 1).trim();
        parameters = inside.isEmpty() ? List.of() : Arrays.stream(inside.split(",")).map(String::trim).toList();
      }
      if (methodName.isEmpty()) {
        throw new IllegalArgumentException("target '" + text + "': empty method name after '#'");
      }
    }
    return new PatchTarget(className, methodName, parameters, line);
  }

  public boolean isEntry() {
    return line == ENTRY;
  }

  public boolean isExit() {
    return line == EXIT;
  }

  public PatchTarget withLine(int newLine) {
    return new PatchTarget(className, methodName, parameterTypes, newLine);
  }

  public PatchTarget withMethod(String name, List<String> parameters) {
    return new PatchTarget(className, name, parameters, line);
  }

  public String methodText() {
    if (methodName == null) {
      return null;
    }
    return parameterTypes == null ? methodName : methodName + "(" + String.join(",", parameterTypes) + ")";
  }

  @Override
  public String toString() {
    String method = methodText();
    return className + (method == null ? "" : "#" + method) + ":" + (isEntry() ? ENTRY_WORD : isExit() ? EXIT_WORD : String.valueOf(line));
  }
}
