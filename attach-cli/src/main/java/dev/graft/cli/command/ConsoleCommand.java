package dev.graft.cli.command;

import dev.graft.cli.GraftCli;
import dev.graft.cli.attach.AgentClient;
import dev.graft.cli.attach.AgentConnector;
import dev.graft.cli.console.CommandRunner;
import dev.graft.cli.console.ConsoleSession;
import dev.graft.cli.console.JavacWarmUp;
import dev.graft.cli.console.ScriptConsole;
import dev.graft.cli.console.TerminalConsole;
import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code graft console PID}: one session with one JVM, every command typed without {@code graft} and the
 * PID, each run by the same picocli command as on the command line. Snippets compile here, in a javac kept
 * warm for the whole session, so the target never runs javac. In a terminal: a line editor; without one,
 * commands from stdin, one a line, for scripts.
 */
@Command(name = "console", description = {
    "An interactive session with one JVM: every command without `graft` and the PID (inject Pricing:12 'rate = 0.5;', watch, list, revert 2).",
    "Without a terminal, reads the commands from stdin, one a line; exits 0 when all succeeded, else the last failing one's code."})
public final class ConsoleCommand extends GraftCommand {
  @Parameters(index = "0", paramLabel = "PID", description = "The target JVM's process id.")
  long pid;

  @Option(names = "--revert-on-exit", description = "At exit, revert what the session applied without asking.")
  boolean revertOnExit;

  @Override
  Object execute() {
    if (common.json) {
      throw new GraftException(ExitCodes.USAGE, "the console prints text; --json is for single commands (graft inject ... --json)");
    }
    AgentConnector.keepConnections(); // each command skips the connect and the greeting
    try (AgentClient agent = connect(pid)) {
      // the agent is loaded now: completion asks only a loaded agent (a Tab never loads one)
      verbose("graft: the agent in " + pid + " answers; it compiles " + (agent.agentCompiles() ? "too, but" : "nothing:") + " the console compiles here");
    }
    if (!CliJavac.keepWarm()) {
      notice("note: javac's contexts cannot be kept in this JVM (run the console as `java -jar graft-cli.jar` or with "
          + "--add-exports jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED); each command compiles with a new one");
    }
    ConsoleSession session = new ConsoleSession(pid, this::runCommand, revertOnExit);
    if (revertOnExit) {
      // ended by a signal (Ctrl-C in a script, SIGTERM) rather than by exit or the input's end: still revert
      Runtime.getRuntime().addShutdownHook(new Thread(() -> session.revertOnSignal(System.out, System.err), "graft-console-revert"));
    }
    JavacWarmUp.start(session);
    int code = hasTerminal() ? inTerminal(session) : fromStdin(session);
    if (code != ExitCodes.OK) {
      throw new GraftException(code, "the console's last failing command exited " + code);
    }
    return null;
  }

  private static int fromStdin(ConsoleSession session) {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    return new ScriptConsole(session, in, System.out, System.err).run();
  }

  private static int inTerminal(ConsoleSession session) {
    try (Terminal terminal = TerminalBuilder.builder().system(true).name("graft").build()) {
      return new TerminalConsole(session, terminal, history()).run();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the terminal: " + e.getMessage(), e);
    }
  }

  /** The console's history, kept across sessions in the user's home: ~/.graft/history. */
  private static Path history() {
    Path directory = Path.of(System.getProperty("user.home"), ".graft");
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      // JLine then keeps the history of this session only, and says nothing: harmless
    }
    return directory.resolve("history");
  }

  /**
   * A terminal on both ends: stdin and stdout. JDK 22 and later give a Console for redirected streams too,
   * and tell with isTerminal.
   */
  private static boolean hasTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true; // before JDK 22 a Console exists only for a terminal
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  /**
   * One console command, run by the CLI's own command line: where snippets compile (here, unless the
   * line says otherwise), -v and --timeout come from the console's own options.
   */
  private CommandRunner.Outcome runCommand(List<String> args, PrintStream out, PrintStream err) {
    String[] words = args.toArray(String[]::new);
    CommandLine line = GraftCli.commandLine(words, out, err);
    line.setDefaultValueProvider(this::consoleDefault);
    int code = line.execute(words);
    Object result = null;
    CommandLine.ParseResult parsed = line.getParseResult();
    if (parsed != null && parsed.hasSubcommand() && parsed.subcommand().commandSpec().userObject() instanceof GraftCommand command) {
      result = command.result();
    }
    return new CommandRunner.Outcome(code, result);
  }

  private String consoleDefault(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option)) {
      return null;
    }
    return switch (option.longestName()) {
      case "--compile-in" -> CompileOptions.CompileIn.cli.name();
      case "--timeout" -> common.timeout.toMillis() + "ms";
      case "--verbose" -> common.verbose ? "true" : null;
      default -> null;
    };
  }
}
