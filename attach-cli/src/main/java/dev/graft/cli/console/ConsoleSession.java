package dev.graft.cli.console;

import dev.graft.protocol.ExitCodes;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One console session with one JVM: turns console lines into graft commands (the PID put in after the
 * command's name), runs them through the CLI's own commands, keeps the patches they applied, and at the
 * end reverts those or leaves them, as the user says. Where the lines come from, and where the answers go
 * (a terminal, or stdin and stdout), is the drivers' business ({@link TerminalConsole}, {@link ScriptConsole}).
 */
public final class ConsoleSession {
  /** The commands that take the PID first (DESIGN §2), each typed without it here. */
  static final Set<String> TAKE_PID = Set.of("show", "inject", "rebind", "apply", "list", "diff", "revert", "classes", "watch");
  /** What the console offers, in the order its help lists them. */
  static final List<String> COMMANDS = List.of("inject", "watch", "rebind", "apply", "list", "diff", "revert", "show", "classes", "ps", "help", "exit");
  static final String EXIT = "exit";
  static final String HELP = "help";

  private final long pid;
  private final CommandRunner runner;
  private final boolean revertOnExit;
  private final SessionPatches patches = new SessionPatches();
  /** Held while a command that may apply or revert a patch runs (a watch is not one): see {@link #revertOnSignal}. */
  private final java.util.concurrent.locks.ReentrantLock commandRunning = new java.util.concurrent.locks.ReentrantLock();
  /** A command answers within its timeout (10 s by default); a little more for its output. */
  private static final long COMMAND_END_WAIT_SECONDS = 15;

  public ConsoleSession(long pid, CommandRunner runner, boolean revertOnExit) {
    this.pid = pid;
    this.runner = runner;
    this.revertOnExit = revertOnExit;
  }

  public long pid() {
    return pid;
  }

  CommandRunner runner() {
    return runner;
  }

  /** The graft command that the words of a console line stand for. */
  List<String> commandOf(List<String> words) {
    List<String> args = new ArrayList<>(words);
    if (TAKE_PID.contains(words.get(0))) {
      args.add(1, String.valueOf(pid));
    }
    return args;
  }

  /** Whether the words are the console's own {@code exit} (or {@code quit}). */
  static boolean isExit(List<String> words) {
    return words.size() == 1 && (words.get(0).equals(EXIT) || words.get(0).equals("quit"));
  }

  /**
   * Runs the command the words stand for; returns its exit code. A command the console does not offer is
   * a usage error that names the ones it does.
   */
  int run(List<String> words, PrintStream out, PrintStream err) {
    String name = words.get(0);
    if (name.equals(HELP) && words.size() == 1) {
      out.print(help());
      return ExitCodes.OK;
    }
    if (!COMMANDS.contains(name) && !(name.equals(HELP))) {
      err.println("graft: '" + name + "' is not a console command; the commands are " + String.join(", ", COMMANDS)
          + " (each as in graft, without `graft` and the PID)");
      return ExitCodes.USAGE;
    }
    if (name.equals("watch")) {
      return runner.run(commandOf(words), out, err).exitCode(); // it applies nothing that stays; it may run long, beside others
    }
    commandRunning.lock();
    try {
      CommandRunner.Outcome outcome = runner.run(commandOf(words), out, err);
      synchronized (patches) {
        patches.record(outcome.result());
      }
      return outcome.exitCode();
    } finally {
      commandRunning.unlock();
    }
  }

  /** The patches this session applied and has not reverted. */
  List<String> applied() {
    synchronized (patches) {
      return patches.ids();
    }
  }

  /**
   * The end of the session: the patches it applied are reverted when {@code --revert-on-exit} says so, or
   * when the user answers yes; else they stay, and the way to revert them later is said. Returns the
   * revert's exit code (0 when nothing was to revert or the user kept them).
   */
  int finish(Question question, PrintStream out, PrintStream err) {
    List<String> ids = applied();
    if (ids.isEmpty()) {
      return ExitCodes.OK;
    }
    String which = (ids.size() == 1 ? "patch " : "patches ") + String.join(", ", ids);
    boolean revert = revertOnExit || question.yes("this session applied " + which + " to JVM " + pid + "; revert "
        + (ids.size() == 1 ? "it" : "them") + " before leaving? [y/N] ");
    if (!revert) {
      out.println("kept " + which + " in JVM " + pid + "; revert later with: graft revert " + pid + " " + String.join(" ", ids));
      return ExitCodes.OK;
    }
    List<String> words = new ArrayList<>(List.of("revert"));
    words.addAll(ids);
    return run(words, out, err);
  }

  /**
   * The JVM is going (a signal) before the session's end: with {@code --revert-on-exit}, what the session
   * applied is reverted all the same; once the session ended normally there is nothing left to revert.
   */
  public void revertOnSignal(PrintStream out, PrintStream err) {
    if (!revertOnExit) {
      return;
    }
    try {
      // a command running now may be applying a patch: it is let finish (and its patch counted) first
      if (!commandRunning.tryLock(COMMAND_END_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
        err.println("graft: a command still runs after " + COMMAND_END_WAIT_SECONDS + " s; reverting what the session applied before it");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!applied().isEmpty()) {
      finish(question -> true, out, err);
      out.flush();
    }
  }

  /** A yes/no question to the user; anything but an answer starting with y (or none: input ended) is no. */
  @FunctionalInterface
  interface Question {
    boolean yes(String question);

    static boolean isYes(String answer) {
      return answer != null && answer.strip().toLowerCase(java.util.Locale.ROOT).startsWith("y");
    }
  }

  String help() {
    return """
        Commands (as graft's, without `graft` and the PID %d; CMD --help for each one's options):
          inject TARGET CODE         splice Java statements before TARGET's line; CODE in quotes, or in braces over several lines
          watch TARGET EXPR...       stream the values of EXPR each time TARGET runs (--if, --count, --for); Ctrl-C ends it
          rebind WHERE NAME=EXPR     rebind a captured variable, or a field read inside a method
          apply SCRIPT               apply a patch script, all or none
          list                       active patches
          diff ID                    what a patch changed
          revert ID... | --all       remove patches
          show CLASS[#METHOD]        methods, lines, locals in scope
          classes PATTERN            loaded classes matching a glob
          ps                         the JVMs on this machine
          exit                       leave (also Ctrl-D); asks whether to revert what this session applied
        TARGET is CLASS:LINE, CLASS#METHOD:LINE, CLASS#METHOD:entry or CLASS#METHOD:exit. Tab completes commands,
        classes, CLASS#method, lines with code, and the locals in scope inside a snippet.
        """.formatted(pid);
  }
}
