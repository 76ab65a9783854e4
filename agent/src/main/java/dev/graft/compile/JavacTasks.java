package dev.graft.compile;

import com.sun.source.util.JavacTask;
import java.io.Writer;
import java.util.List;
import java.util.function.Function;
import javax.tools.DiagnosticListener;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;

/** Where javac tasks come from: a new javac context for each, or contexts kept warm between compiles. */
public interface JavacTasks {
  /**
   * javac's own console, which tasks are given instead of System.err: diagnostics go to the listener,
   * and what javac writes there besides (its "exception has occurred in the compiler" banner when it
   * fails in itself) must not reach the target's stderr; graft reports such a failure from the exception.
   */
  Writer NO_CONSOLE = Writer.nullWriter();

  /**
   * Runs {@code work} with a javac task over {@code units}. {@code classPathKey} names what the task's
   * class path shows (the target class loader): tasks with the same key may share what javac read.
   */
  <T> T run(String classPathKey, JavaFileManager files, DiagnosticListener<? super JavaFileObject> diagnostics, List<String> options,
      List<? extends JavaFileObject> units, Function<JavacTask, T> work);

  /**
   * Lets go of whatever was kept for later compiles, if nothing compiled for {@code idleMillis}; true
   * when javac is idle (what was kept for it may go too).
   */
  default boolean dropIfIdle(long idleMillis) {
    return true;
  }

  /** Lets go of whatever was kept, now. */
  default void forget() {}

  /** Whether tasks share what earlier tasks read (then a verdict may rest on classes read before). */
  default boolean keepsContexts() {
    return false;
  }

  /** A new javac context for every task: what a one-shot process (the CLI) needs. */
  static JavacTasks fresh() {
    return new JavacTasks() {
      @Override
      public <T> T run(String classPathKey, JavaFileManager files, DiagnosticListener<? super JavaFileObject> diagnostics,
          List<String> options, List<? extends JavaFileObject> units, Function<JavacTask, T> work) {
        return work.apply((JavacTask) systemCompiler().getTask(NO_CONSOLE, files, diagnostics, options, null, units));
      }
    };
  }

  static JavaCompiler systemCompiler() {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new dev.graft.protocol.GraftException(dev.graft.protocol.ExitCodes.INTERNAL, "this JVM runs on a JRE without javac; run graft on a JDK 17+");
    }
    return javac;
  }
}
