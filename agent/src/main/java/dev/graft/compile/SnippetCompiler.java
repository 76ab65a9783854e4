package dev.graft.compile;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.Trees;
import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.Messages.SiteInfo;
import dev.graft.protocol.Messages.SiteLocal;
import dev.graft.weave.SnippetWrapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a snippet with the JDK's own compiler (javax.tools) against the target's live classes, in
 * the CLI, so the target needs only a JRE. Diagnostics are reported in the snippet's own lines and columns.
 */
public final class SnippetCompiler {
  /** The largest snippet graft compiles; anything bigger is not a one-line fix. */
  public static final int MAX_SNIPPET_CHARS = 256 * 1024;
  private static final int CLASS_VERSION_OFFSET = 44;

  /** A compiled wrapper, ready to send to the agent. */
  public record Compiled(String wrapperName, byte[] bytes, List<String> localNames) {}

  /** Compiles Java statements to splice. */
  public Compiled compileStatements(ClassSource classes, SiteInfo site, String snippet) {
    return compile(classes, site, snippet, SnippetSource.statements(site, snippet), "snippet");
  }

  /** Compiles a Java expression to stand for a variable wherever it is read. */
  public Compiled compileExpression(ClassSource classes, SiteInfo site, String expression) {
    return compile(classes, site, expression, SnippetSource.expression(site, expression), "expression");
  }

  /** @param what how diagnostics name the user's code: "snippet" or "expression" */
  /**
   * javac's view of the platform (the JDK's modules, or ct.sym for --release) is opened once and kept:
   * opening it is most of a warm compile. Compiles share it one at a time.
   */
  private static final Object PLATFORM_LOCK = new Object();
  private static StandardJavaFileManager platform;

  private Compiled compile(ClassSource classes, SiteInfo site, String snippet, SnippetSource source, String what) {
    synchronized (PLATFORM_LOCK) {
      return compileAlone(classes, site, snippet, source, what);
    }
  }

  private Compiled compileAlone(ClassSource classes, SiteInfo site, String snippet, SnippetSource source, String what) {
    if (snippet.length() > MAX_SNIPPET_CHARS) {
      throw GraftException.rejected("the " + what + " has " + snippet.length() + " characters; graft compiles at most "
          + MAX_SNIPPET_CHARS + " (call a method instead of splicing a program)");
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new GraftException(ExitCodes.INTERNAL, "the graft CLI runs on a JRE without javac; run it on a JDK 17+");
    }
    int here = Runtime.version().feature();
    int release = Math.min(site.targetJavaFeature(), here);
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    if (platform == null) {
      platform = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
    }
    try (TargetClassFiles files = new TargetClassFiles(platform, classes, site.className(), here + CLASS_VERSION_OFFSET)) {
      List<String> options = new ArrayList<>(List.of("-g", "-proc:none", "-implicit:none", "-Xlint:none"));
      if (release != here) {
        // an older target: compile against its API (ct.sym); for this JDK's own version, its modules are the API
        options.addAll(List.of("--release", String.valueOf(release)));
      }
      JavacTask task = (JavacTask) javac.getTask(null, files, diagnostics, options, null, List.of(unit(source)));
      List<String> problems = new ArrayList<>();
      List<long[]> thrown = new ArrayList<>();
      for (CompilationUnitTree tree : task.parse()) {
        SnippetChecks checks = SnippetChecks.of(tree, Trees.instance(task).getSourcePositions());
        problems.addAll(checks.problems());
        thrown.addAll(checks.thrownSpans());
      }
      if (!problems.isEmpty()) {
        throw GraftException.rejected(problems.stream().map(p -> what + ":" + p).collect(Collectors.joining("\n")));
      }
      ThrowMarks marks = ThrowMarks.of(source.text(), thrown);
      if (!thrown.isEmpty()) {
        // the weaver must tell the user's throw statements (they propagate) from javac's own rethrows
        task = (JavacTask) javac.getTask(null, files, diagnostics, options, null, List.of(unit(source.withText(marks.text()))));
      }
      task.generate();
      List<String> errors = errors(diagnostics, snippet, site, what, marks);
      if (!errors.isEmpty()) {
        throw GraftException.rejected(String.join("\n", errors));
      }
      Map<String, byte[]> compiled = files.compiled();
      byte[] wrapper = compiled.get(source.wrapperBinaryName());
      if (wrapper == null || compiled.size() != 1) {
        throw GraftException.rejected("the snippet compiled to " + compiled.keySet() + "; graft can splice only plain statements");
      }
      return new Compiled(source.wrapperBinaryName(), wrapper, source.localNames());
    } catch (IOException e) {
      throw new GraftException(ExitCodes.INTERNAL, "cannot set up javac: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // javac wraps what its file manager throws (a class the target cannot serve, a lost connection)
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof GraftException graft) {
          throw graft;
        }
      }
      throw e;
    }
  }

  private static JavaFileObject unit(SnippetSource source) {
    return new SimpleJavaFileObject(URI.create("string:///" + source.wrapperBinaryName().replace('.', '/') + ".java"),
        JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source.text();
      }
    };
  }

  private static List<String> errors(DiagnosticCollector<JavaFileObject> diagnostics, String snippet, SiteInfo site, String what,
      ThrowMarks marks) {
    int snippetLines = (int) snippet.lines().count();
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
      if (diagnostic.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      long line = diagnostic.getLineNumber() - SnippetSource.FIRST_SNIPPET_LINE + 1;
      String message = diagnostic.getMessage(Locale.ROOT).lines()
          .filter(text -> !text.contains(SnippetWrapper.CLASS_SUFFIX)) // the wrapper is graft's business, not the user's
          .collect(Collectors.joining("\n"));
      String where = line >= 1 && line <= Math.max(1, snippetLines)
          ? what + ":" + line + ":" + marks.originalColumn(diagnostic.getLineNumber(), diagnostic.getColumnNumber())
          : what;
      String hint = message.startsWith("cannot find symbol") && message.contains("variable") ? "\n  in scope here: " + scope(site) : "";
      errors.add(where + ": error: " + message + hint);
    }
    return errors;
  }

  private static String scope(SiteInfo site) {
    List<String> names = new ArrayList<>();
    if (!site.isStatic()) {
      names.add("self");
    }
    for (SiteLocal local : site.locals()) {
      names.add(local.name() + " (" + local.sourceType() + ")");
    }
    return names.isEmpty() ? "no locals" : String.join(", ", names);
  }
}
