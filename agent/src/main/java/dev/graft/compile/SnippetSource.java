package dev.graft.compile;

import dev.graft.protocol.Messages.SiteInfo;
import dev.graft.protocol.Messages.SiteLocal;
import dev.graft.weave.SnippetWrapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java source javac compiles around a snippet: a class beside the target that extends it (so the
 * snippet names the target's fields and methods plainly), with one method whose parameters are
 * {@code self} and the target's locals in scope (so assigning them assigns the target's locals) and whose
 * body is the snippet (or returns the expression), verbatim, starting on line {@link #FIRST_SNIPPET_LINE} at column 1.
 */
record SnippetSource(String wrapperBinaryName, String text, List<String> localNames) {
  /** The same wrapper with its text changed (throw statements marked), everything else equal. */
  SnippetSource withText(String newText) {
    return new SnippetSource(wrapperBinaryName, newText, localNames);
  }

  static final int FIRST_SNIPPET_LINE = 5;

  /** Statements, spliced before a line: falling off their end goes on with the line. */
  static SnippetSource statements(SiteInfo site, String snippet, int number) {
    return of(site, "if (true) {\n" + snippet + "\n}\nthrow " + SnippetWrapper.CONTINUE + "();\n", number);
  }

  /** An expression, standing for a variable's value wherever it is read. */
  static SnippetSource expression(SiteInfo site, String expression, int number) {
    return of(site, "return (\n" + expression + "\n);\n", number);
  }

  /** @param number tells apart the wrappers compiled together ({@code Shop$$Graft}, {@code Shop$$Graft1}...) */
  private static SnippetSource of(SiteInfo site, String body, int number) {
    String className = site.className();
    if (java.util.Arrays.stream(className.substring(className.lastIndexOf('.') + 1).split("\\$"))
        .anyMatch(part -> part.isEmpty() || Character.isDigit(part.charAt(0)))) {
      // the wrapper extends the target, and Java has no name for Outer$1 or Outer$1Local
      throw dev.graft.protocol.GraftException.rejected(className + " is an anonymous or local class: Java cannot name it, so graft "
          + "cannot compile a snippet inside it yet; patch the method it calls, or rebind what it captured (graft rebind)");
    }
    int dot = className.lastIndexOf('.');
    String packageName = dot < 0 ? "" : className.substring(0, dot);
    String wrapperSimple = className.substring(dot + 1) + SnippetWrapper.CLASS_SUFFIX + (number == 0 ? "" : String.valueOf(number));
    String targetSource = className.replace('$', '.');
    List<String> parameters = new ArrayList<>();
    List<String> names = new ArrayList<>();
    if (site.hasSelf()) {
      parameters.add("final " + targetSource + " " + SnippetWrapper.SELF);
    }
    for (SiteLocal local : site.locals()) {
      if (site.hasSelf() && local.name().equals(SnippetWrapper.SELF)) {
        continue; // the target's own local named self wins over graft's self
      }
      parameters.add(local.sourceType() + " " + local.name());
      names.add(local.name());
    }
    String relation = site.isInterface() ? "implements" : "extends";
    // Lines 1-4 are the header; the snippet starts at FIRST_SNIPPET_LINE so diagnostics map back by subtraction.
    StringBuilder imports = new StringBuilder(); // the types the target's source named: on line 1 with the package
    for (String type : site.imports() == null ? List.<String>of() : site.imports()) {
      imports.append(" import ").append(type).append(';');
    }
    String text = (packageName.isEmpty() ? "" : "package " + packageName + ";") + imports + "\n"
        + "@SuppressWarnings(\"all\") abstract class " + wrapperSimple + " " + relation + " " + targetSource + " {"
        + " private static RuntimeException " + SnippetWrapper.CONTINUE + "() { return null; }"
        + " private static <T extends Throwable> T " + SnippetWrapper.THROW + "(T thrown) { return thrown; }\n"
        + (site.hasSelf() ? "" : "static ") + site.returnType() + " " + SnippetWrapper.METHOD + "("
        + String.join(", ", parameters) + ") throws Throwable {\n"
        + body + "}\n}\n";
    String binaryName = packageName.isEmpty() ? wrapperSimple : packageName + "." + wrapperSimple;
    return new SnippetSource(binaryName, text, names);
  }
}
