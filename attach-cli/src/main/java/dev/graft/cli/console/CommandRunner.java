package dev.graft.cli.console;

import java.io.PrintStream;
import java.util.List;

/** Runs one graft command line (the PID in it) through the CLI's own commands, printing to the streams given. */
public interface CommandRunner {
  /** How a command ended: its exit code, and what it did (the document its --json prints), or null. */
  record Outcome(int exitCode, Object result) {}

  Outcome run(List<String> args, PrintStream out, PrintStream err);
}
