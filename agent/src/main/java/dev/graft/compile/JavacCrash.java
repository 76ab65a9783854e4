package dev.graft.compile;

import java.io.IOException;

/**
 * javac failing in itself on a unit (a StackOverflowError on a deeply nested expression, an
 * AssertionError or NullPointerException of one of its bugs), told apart from what graft's own code
 * throws; graft's own scan of javac's tree ({@link SnippetChecks}) running out of stack is one too. Through the compiler API javac reports such a failure as an IllegalStateException whose cause
 * is what it threw (JavacTaskImpl); what a file manager throws comes back in a plain RuntimeException.
 */
final class JavacCrash extends RuntimeException {
  JavacCrash(Throwable inJavac) {
    super(inJavac.toString(), inJavac);
  }

  /** A javac step ({@code parse}, {@code generate}, ...). */
  interface Step<T> {
    T run() throws IOException;
  }

  /** Runs a step of a javac task; javac's own failure comes out as a JavacCrash. */
  static <T> T guard(Step<T> step) throws IOException {
    try {
      return step.run();
    } catch (IllegalStateException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Error || cause instanceof RuntimeException) {
        throw new JavacCrash(cause);
      }
      throw e;
    }
  }

  /** What the user is told: the snippet, not graft, made javac fail, and what to do about it. */
  String messageFor(String what) {
    if (getCause() instanceof StackOverflowError) {
      return what + ": error: compiling the " + what + " ran out of stack (java.lang.StackOverflowError): "
          + "split its deeply nested or very long expressions into several statements";
    }
    return what + ": error: javac failed in itself compiling the " + what + " (" + getCause() + "): "
        + "a javac bug this " + what + " runs into; write it another way";
  }
}
