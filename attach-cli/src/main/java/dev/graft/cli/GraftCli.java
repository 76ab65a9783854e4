package dev.graft.cli;

import dev.graft.cli.command.ApplyCommand;
import dev.graft.cli.command.ClassesCommand;
import dev.graft.cli.command.CompleteCommand;
import dev.graft.cli.command.CompletionCommand;
import dev.graft.cli.command.ConsoleCommand;
import dev.graft.cli.command.DiffCommand;
import dev.graft.cli.command.InjectCommand;
import dev.graft.cli.command.ListCommand;
import dev.graft.cli.command.PsCommand;
import dev.graft.cli.command.RebindCommand;
import dev.graft.cli.command.RevertCommand;
import dev.graft.cli.command.ShowCommand;
import dev.graft.cli.command.WatchCommand;
import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.Protocol;
import dev.graft.protocol.Wire;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code graft} command. Exit codes (DESIGN §2) are mapped here, in one place. */
@Command(
    name = "graft",
    mixinStandardHelpOptions = true,
    versionProvider = GraftCli.Version.class,
    description = "Hot-patch methods of a running JVM: look inside, splice Java before a line, revert.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done",
      "1:patch or query rejected (bad line, unknown local, compile error...); target unchanged",
      "2:usage error",
      "3:cannot reach the target (no such process, not a JVM, other user, attach disabled, other agent version)",
      "4:the JVM refused the change (verification or redefinition error); target unchanged",
      "5:internal error"
    })
public final class GraftCli {
  /**
   * The subcommands, by name, in the order help lists them. picocli builds a command's model by reflection
   * when it is added, a cost every start pays: a run adds only the command it runs, unless it needs them
   * all (help, completion, a name that is not a command).
   */
  private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

  static {
    SUBCOMMANDS.put("ps", PsCommand::new);
    SUBCOMMANDS.put("show", ShowCommand::new);
    SUBCOMMANDS.put("inject", InjectCommand::new);
    SUBCOMMANDS.put("rebind", RebindCommand::new);
    SUBCOMMANDS.put("apply", ApplyCommand::new);
    SUBCOMMANDS.put("list", ListCommand::new);
    SUBCOMMANDS.put("diff", DiffCommand::new);
    SUBCOMMANDS.put("revert", RevertCommand::new);
    SUBCOMMANDS.put("classes", ClassesCommand::new);
    SUBCOMMANDS.put("watch", WatchCommand::new);
    SUBCOMMANDS.put("console", ConsoleCommand::new);
    SUBCOMMANDS.put("completion", CompletionCommand::new);
    SUBCOMMANDS.put("__complete", CompleteCommand::new);
    SUBCOMMANDS.put("help", CommandLine.HelpCommand::new);
  }

  private GraftCli() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs one command; used by main and by the tests, which drive the same code in-process. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return commandLine(args, out, err).execute(args);
  }

  /**
   * The command line that runs {@code args}, with graft's streams, exit codes and error handling, not run
   * yet: the console runs each of its commands through one (with its own defaults) and reads its result.
   */
  public static CommandLine commandLine(String[] args, PrintStream out, PrintStream err) {
    CommandLine commandLine = new CommandLine(new GraftCli());
    boolean runsOne = args.length > 0 && SUBCOMMANDS.containsKey(args[0]) && !args[0].equals("help") && !args[0].equals("completion")
        && !args[0].equals("__complete");
    SUBCOMMANDS.forEach((name, command) -> {
      if (!runsOne || name.equals(args[0])) {
        commandLine.addSubcommand(name, command.get());
      }
    });
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    commandLine.setExitCodeExceptionMapper(GraftCli::exitCodeOf);
    commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof GraftException graft) {
        cmd.getErr().println("graft: " + graft.getMessage());
      } else {
        cmd.getErr().println("graft: internal error: " + e);
        e.printStackTrace(cmd.getErr());
      }
      return exitCodeOf(e);
    });
    commandLine.getSubcommands().values().forEach(sub -> sub.getCommandSpec().mixinStandardHelpOptions(true)); // CMD -h, CMD --help
    commandLine.setParameterExceptionHandler((e, arguments) -> usageError(e, List.of(arguments)));
    commandLine.getCommandSpec().usageMessage().sectionKeys(); // make sure the model is built before parsing
    return commandLine;
  }

  /**
   * A command line picocli cannot parse: one line and the way to help (not the whole usage), or with
   * {@code --json} one JSON document on stdout, as for every other outcome.
   */
  private static int usageError(CommandLine.ParameterException e, List<String> arguments) {
    CommandLine command = e.getCommandLine();
    if (arguments.contains("--json")) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("exitCode", ExitCodes.USAGE);
      error.put("message", e.getMessage());
      command.getOut().println(Wire.GSON.toJson(Map.of("error", error)));
      return ExitCodes.USAGE;
    }
    String name = command.getCommandName().equals("graft") ? "graft" : "graft " + command.getCommandName();
    command.getErr().println("graft: " + e.getMessage());
    command.getErr().println("see '" + name + " --help'");
    return ExitCodes.USAGE;
  }

  static int exitCodeOf(Throwable e) {
    if (e instanceof GraftException graft) {
      return graft.exitCode();
    }
    if (e instanceof CommandLine.ParameterException) {
      return ExitCodes.USAGE;
    }
    return ExitCodes.INTERNAL;
  }

  /** graft's version, the same string the agent reports. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"graft " + Protocol.AGENT_VERSION + " (protocol " + Protocol.VERSION + ")"};
    }
  }
}
