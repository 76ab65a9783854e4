package dev.graft.compile;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.Trees;
import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.Messages.SiteInfo;
import dev.graft.protocol.Messages.SiteLocal;
import dev.graft.weave.ConstructorPrologue;
import dev.graft.weave.SnippetWrapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
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

  /** One snippet (statements to splice) or expression (to stand for a read) to compile. */
  public record Job(SiteInfo site, String code, boolean expression) {
    String what() {
      return expression ? "expression" : "snippet";
    }
  }

  /** What a job came to: its compiled wrapper, or why not. */
  public record Outcome(Compiled compiled, GraftException failure) {}

  /**
   * javac's view of the platform (the JDK's modules, or ct.sym for --release) is opened once and kept:
   * opening it is most of a warm compile. Compiles share it one at a time.
   */
  private static final Object PLATFORM_LOCK = new Object();
  private static StandardJavaFileManager platform;

  private final JavacTasks tasks;

  /** A compiler for one-shot use: a new javac context per task. */
  public SnippetCompiler() {
    this(JavacTasks.fresh());
  }

  /** A compiler whose javac tasks come from {@code tasks} (the agent keeps contexts warm between commands). */
  public SnippetCompiler(JavacTasks tasks) {
    this.tasks = tasks;
  }

  /** Compiles Java statements to splice. */
  public Compiled compileStatements(ClassSource classes, SiteInfo site, String snippet) {
    return single(classes, new Job(site, snippet, false));
  }

  /** Compiles a Java expression to stand for a variable wherever it is read. */
  public Compiled compileExpression(ClassSource classes, SiteInfo site, String expression) {
    return single(classes, new Job(site, expression, true));
  }

  private Compiled single(ClassSource classes, Job job) {
    Outcome outcome = compileTogether(classes, List.of(job)).get(0);
    if (outcome.failure() != null) {
      throw outcome.failure();
    }
    return outcome.compiled();
  }

  /**
   * Compiles many jobs in one javac task (a patch script's snippets: one task costs about what one snippet
   * does); each job gets its wrapper, or its own failure, in the job's own lines and columns.
   */
  public List<Outcome> compileTogether(ClassSource classes, List<Job> jobs) {
    synchronized (PLATFORM_LOCK) {
      try {
        List<Outcome> outcomes = compileOrBlame(classes, jobs);
        if (tasks.keepsContexts() && outcomes.stream().anyMatch(outcome -> outcome.failure() != null)) {
          // a kept context may miss classes loaded since it read their package: a rejection comes from a new one
          tasks.forget();
          outcomes = compileOrBlame(classes, jobs);
        }
        return outcomes;
      } catch (IOException e) {
        throw new GraftException(ExitCodes.INTERNAL, "cannot set up javac: " + e.getMessage(), e);
      } catch (UncheckedIOException e) {
        throw new GraftException(ExitCodes.INTERNAL, "cannot set up javac: " + e.getCause().getMessage(), e);
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
  }

  /**
   * Compiles the jobs; when javac fails in itself, the job that made it fail gets a compile error: alone,
   * the job it was compiling; among several, each is compiled alone to find the ones that make it fail.
   */
  private List<Outcome> compileOrBlame(ClassSource classes, List<Job> jobs) throws IOException {
    try {
      return compileLocked(classes, jobs, tasks);
    } catch (JavacCrash crash) {
      tasks.forget(); // a context javac failed in is not one to compile in again
      if (jobs.size() == 1) {
        // a compile error of the snippet (exit 1), with what javac threw kept for the log
        return List.of(new Outcome(null, new GraftException(ExitCodes.REJECTED, crash.messageFor(jobs.get(0).what()), crash.getCause())));
      }
      List<Outcome> outcomes = new ArrayList<>();
      for (Job job : jobs) {
        outcomes.addAll(compileOrBlame(classes, List.of(job)));
      }
      return outcomes;
    }
  }

  private List<Outcome> compileLocked(ClassSource classes, List<Job> jobs, JavacTasks tasks) throws IOException {
    JavaCompiler javac = JavacTasks.systemCompiler();
    if (platform == null) {
      platform = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
    }
    int here = Runtime.version().feature();
    Outcome[] outcomes = new Outcome[jobs.size()];
    List<SnippetSource> sources = new ArrayList<>();
    for (int i = 0; i < jobs.size(); i++) {
      Job job = jobs.get(i);
      sources.add(job.expression() ? SnippetSource.expression(job.site(), job.code(), i) : SnippetSource.statements(job.site(), job.code(), i));
      if (job.code().length() > MAX_SNIPPET_CHARS) {
        outcomes[i] = failed("the " + job.what() + " has " + job.code().length() + " characters; graft compiles at most "
            + MAX_SNIPPET_CHARS + " (call a method instead of splicing a program)");
      }
    }
    int release = jobs.stream().mapToInt(job -> job.site().targetJavaFeature()).min().orElse(here);
    // String concatenation as StringBuilder calls, not invokedynamic: an indy spliced into the target adds
    // bootstrap methods and constant pool entries to it that HotSpot keeps after the revert (the class would
    // no longer read as its class file)
    List<String> options = new ArrayList<>(List.of("-g", "-proc:none", "-implicit:none", "-Xlint:none", "-XDstringConcat=inline"));
    if (Math.min(release, here) != here) {
      // an older target: compile against its API (ct.sym); for this JDK's own version, its modules are the API
      options.addAll(List.of("--release", String.valueOf(Math.min(release, here))));
    }
    List<String> targets = jobs.stream().map(job -> job.site().className()).distinct().toList();
    try (TargetClassFiles files = new TargetClassFiles(platform, classes, targets, here + CLASS_VERSION_OFFSET)) {
      // 1. parse each wrapper (checkThenCompile)
      Map<Integer, ThrowMarks> marks = new HashMap<>();
      // javac hands back its own wrappers of our file objects: units are told apart by their URIs
      Map<URI, Integer> jobOfUnit = new HashMap<>();
      List<JavaFileObject> units = new ArrayList<>();
      for (int i = 0; i < jobs.size(); i++) {
        if (outcomes[i] == null) {
          JavaFileObject unit = unit(sources.get(i));
          units.add(unit);
          jobOfUnit.put(unit.toUri(), i);
        }
      }
      if (units.isEmpty()) {
        return List.of(outcomes);
      }
      // 2. compile what is left; javac writes no class when any unit fails, so the others go again alone.
      // In the common case (every unit passes the checks, no throw to mark) the parsing task compiles too.
      // a kept javac context remembers the classes it read, and the target classes are read as their accessible
      // views: contexts are kept per loader and set of target classes
      String classPathKey = jobs.get(0).site().loaderId() + " " + targets.stream().sorted().toList();
      DiagnosticCollector<JavaFileObject> parseDiagnostics = new DiagnosticCollector<>();
      List<Integer> failedTogether = tasks.run(classPathKey, files, parseDiagnostics, options, units,
          parser -> checkThenCompile(parser, parseDiagnostics, files, jobs, sources, jobOfUnit, marks, outcomes));
      List<Integer> left = new ArrayList<>(marks.keySet());
      left.sort(null);
      if (failedTogether != null && failedTogether.isEmpty()) {
        left.clear();
      } else if (failedTogether != null) {
        left.removeAll(failedTogether);
      }
      while (!left.isEmpty()) {
        List<Integer> failedNow = generate(classPathKey, files, options, jobs, sources, marks, left, outcomes);
        if (failedNow.isEmpty()) {
          break;
        }
        left.removeAll(failedNow);
      }
    }
    return List.of(outcomes);
  }

  /**
   * Parses the wrappers: refuses what cannot be spliced and marks the user's throw statements. When every
   * unit passed and none has a throw to mark, compiles them in the same task and returns the jobs that
   * failed; otherwise returns null (the units go to javac again, marked).
   */
  private List<Integer> checkThenCompile(JavacTask parser, DiagnosticCollector<JavaFileObject> diagnostics, TargetClassFiles files,
      List<Job> jobs, List<SnippetSource> sources, Map<URI, Integer> jobOfUnit, Map<Integer, ThrowMarks> marks, Outcome[] outcomes) {
    try {
      boolean throwsMarked = false;
      Map<JavaFileObject, Integer> parsed = new java.util.LinkedHashMap<>();
      for (CompilationUnitTree tree : JavacCrash.guard(parser::parse)) {
        int i = jobOfUnit.get(tree.getSourceFile().toUri());
        parsed.put(tree.getSourceFile(), i);
        SnippetChecks checks = SnippetChecks.of(tree, Trees.instance(parser).getSourcePositions());
        if (!checks.problems().isEmpty()) {
          String what = jobs.get(i).what();
          outcomes[i] = failed(checks.problems().stream().map(problem -> what + ":" + problem).collect(Collectors.joining("\n")));
        } else {
          marks.put(i, ThrowMarks.of(sources.get(i).text(), checks.thrownSpans()));
          throwsMarked |= !checks.thrownSpans().isEmpty();
        }
      }
      if (throwsMarked || marks.size() != parsed.size()) {
        return null;
      }
      files.compiled(); // nothing kept from an earlier compile
      return generate(parser, diagnostics, files, jobs, sources, marks, parsed, outcomes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One javac task over the jobs {@code left}: fills their outcomes; returns the jobs that failed. */
  private List<Integer> generate(String classPathKey, TargetClassFiles files, List<String> options, List<Job> jobs,
      List<SnippetSource> sources, Map<Integer, ThrowMarks> marks, List<Integer> left, Outcome[] outcomes) {
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Map<JavaFileObject, Integer> jobOfUnit = new java.util.LinkedHashMap<>();
    for (int i : left) {
      jobOfUnit.put(unit(sources.get(i).withText(marks.get(i).text())), i);
    }
    files.compiled(); // nothing kept from an earlier round
    return tasks.run(classPathKey, files, diagnostics, options, new ArrayList<>(jobOfUnit.keySet()), task -> {
      try {
        return generate(task, diagnostics, files, jobs, sources, marks, jobOfUnit, outcomes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** Generates the classes of {@code task}'s units: fills their outcomes; returns the jobs that failed. */
  private List<Integer> generate(JavacTask task, DiagnosticCollector<JavaFileObject> diagnostics, TargetClassFiles files, List<Job> jobs,
      List<SnippetSource> sources, Map<Integer, ThrowMarks> marks, Map<JavaFileObject, Integer> jobOfUnit, Outcome[] outcomes) throws IOException {
    List<Integer> left = new ArrayList<>(jobOfUnit.values());
    JavacCrash.guard(task::generate);
    List<Integer> failed = new ArrayList<>();
    for (Map.Entry<JavaFileObject, Integer> entry : jobOfUnit.entrySet()) {
      int i = entry.getValue();
      Job job = jobs.get(i);
      List<String> errors = errors(diagnostics, entry.getKey(), job.code(), job.site(), job.what(), marks.get(i));
      if (!errors.isEmpty()) {
        outcomes[i] = failed(String.join("\n", errors));
        failed.add(i);
      }
    }
    if (!failed.isEmpty()) {
      return failed;
    }
    Map<String, byte[]> compiled = files.compiled();
    for (int i : left) {
      SnippetSource source = sources.get(i);
      byte[] wrapper = compiled.get(source.wrapperBinaryName());
      outcomes[i] = wrapper == null ? failed("the " + jobs.get(i).what() + " compiled to no wrapper; graft can splice only plain statements")
          : new Outcome(new Compiled(source.wrapperBinaryName(), wrapper, source.localNames()), null);
    }
    int expected = left.size();
    if (compiled.size() != expected) {
      throw GraftException.rejected("the snippets compiled to more classes than their wrappers " + compiled.keySet()
          + "; graft can splice only plain statements");
    }
    return List.of();
  }

  private static Outcome failed(String message) {
    return new Outcome(null, GraftException.rejected(message));
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

  /** The errors javac reported in one unit, in the user's own lines and columns. */
  private static List<String> errors(DiagnosticCollector<JavaFileObject> diagnostics, JavaFileObject unit, String snippet, SiteInfo site,
      String what, ThrowMarks marks) {
    int snippetLines = (int) snippet.lines().count();
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
      if (diagnostic.getKind() != Diagnostic.Kind.ERROR
          || (diagnostic.getSource() != null && !diagnostic.getSource().toUri().equals(unit.toUri()))) {
        continue;
      }
      long line = diagnostic.getLineNumber() - SnippetSource.FIRST_SNIPPET_LINE + 1;
      String message = diagnostic.getMessage(Locale.ROOT).lines()
          .filter(text -> !text.contains(SnippetWrapper.CLASS_SUFFIX)) // the wrapper is graft's business, not the user's
          .collect(Collectors.joining("\n"));
      String where = line >= 1 && line <= Math.max(1, snippetLines)
          ? what + ":" + line + ":" + marks.originalColumn(diagnostic.getLineNumber(), diagnostic.getColumnNumber())
          : what;
      String hint = message.startsWith("cannot find symbol") ? ambiguity(message, site) : "";
      if (hint.isEmpty() && site.beforeConstructorCall() && usesTheObject(message)) {
        hint = "\n  " + ConstructorPrologue.NO_OBJECT;
      }
      if (hint.isEmpty() && message.startsWith("cannot find symbol") && message.contains("variable")) {
        hint = "\n  in scope here: " + scope(site);
      }
      errors.add(where + ": error: " + message + hint);
    }
    return errors;
  }

  /**
   * javac's word for a use of the object in code compiled as static (a snippet before a constructor's
   * super call): {@code self} unknown, or a field, method or {@code this} "referenced from a static context".
   */
  private static boolean usesTheObject(String message) {
    return message.contains("static context")
        || (message.startsWith("cannot find symbol") && message.matches("(?s).*symbol:\\s+variable " + SnippetWrapper.SELF + "\\b.*"));
  }

  private static final java.util.regex.Pattern MISSING_SYMBOL = java.util.regex.Pattern.compile("symbol:\\s+(?:variable|class) (\\w+)");

  /** A simple name the target's class refers to under several types: none was imported, say which. */
  private static String ambiguity(String message, SiteInfo site) {
    java.util.regex.Matcher symbol = MISSING_SYMBOL.matcher(message);
    if (!symbol.find() || site.ambiguousTypes() == null || !site.ambiguousTypes().containsKey(symbol.group(1))) {
      return "";
    }
    return "\n  " + symbol.group(1) + " is ambiguous: " + site.className() + " refers to "
        + String.join(" and ", site.ambiguousTypes().get(symbol.group(1))) + "; write the one you mean in full";
  }

  private static String scope(SiteInfo site) {
    List<String> names = new ArrayList<>();
    if (site.hasSelf()) {
      names.add("self");
    }
    for (SiteLocal local : site.locals()) {
      names.add(local.name() + " (" + local.sourceType() + ")");
    }
    return names.isEmpty() ? "no locals" : String.join(", ", names);
  }
}
