package dev.graft.cli.compile;

import dev.graft.protocol.Messages.SiteInfo;
import dev.graft.protocol.Messages.SiteLocal;
import dev.graft.weave.SnippetWrapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java source javac compiles around a snippet: a class beside the target that extends it (so the
 * snippet names the target's fields and methods plainly), with one method whose parameters are
 * {@code self} and the target's locals in scope (so assigning them assigns the target's locals) and whose
 * body is the snippet, verbatim, starting on line {@link #FIRST_SNIPPET_LINE} at column 1.
 */
record SnippetSource(String wrapperBinaryName, String text, List<String> localNames) {
  static final int FIRST_SNIPPET_LINE = 5;

  static SnippetSource of(SiteInfo site, String snippet) {
    String className = site.className();
    int dot = className.lastIndexOf('.');
    String packageName = dot < 0 ? "" : className.substring(0, dot);
    String wrapperSimple = className.substring(dot + 1) + SnippetWrapper.CLASS_SUFFIX;
    String targetSource = className.replace('$', '.');
    List<String> parameters = new ArrayList<>();
    List<String> names = new ArrayList<>();
    if (!site.isStatic()) {
      parameters.add("final " + targetSource + " " + SnippetWrapper.SELF);
    }
    for (SiteLocal local : site.locals()) {
      if (!site.isStatic() && local.name().equals(SnippetWrapper.SELF)) {
        continue; // the target's own local named self wins over graft's self
      }
      parameters.add(local.sourceType() + " " + local.name());
      names.add(local.name());
    }
    String relation = site.isInterface() ? "implements" : "extends";
    // Lines 1-4 are the header; the snippet starts at FIRST_SNIPPET_LINE so diagnostics map back by subtraction.
    String text = (packageName.isEmpty() ? "" : "package " + packageName + ";") + "\n"
        + "@SuppressWarnings(\"all\") abstract class " + wrapperSimple + " " + relation + " " + targetSource + " {"
        + " private static RuntimeException " + SnippetWrapper.CONTINUE + "() { return null; }\n"
        + (site.isStatic() ? "static " : "") + site.returnType() + " " + SnippetWrapper.METHOD + "("
        + String.join(", ", parameters) + ") throws Throwable {\n"
        + "if (true) {\n"
        + snippet + "\n"
        + "}\nthrow " + SnippetWrapper.CONTINUE + "();\n}\n}\n";
    String binaryName = packageName.isEmpty() ? wrapperSimple : packageName + "." + wrapperSimple;
    return new SnippetSource(binaryName, text, names);
  }
}
