package dev.graft.cli.command;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import dev.graft.cli.attach.AgentClient;
import dev.graft.cli.attach.AgentConnector;
import dev.graft.cli.attach.TargetProcess;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.Messages.ClassInfo;
import dev.graft.protocol.Messages.ClassesArgs;
import dev.graft.protocol.Messages.ClassesResult;
import dev.graft.protocol.Messages.LineScope;
import dev.graft.protocol.Messages.MethodInfo;
import dev.graft.protocol.Messages.ShowArgs;
import dev.graft.protocol.Protocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;

/**
 * {@code graft __complete WORD...}: what the shell's completion asks for the word being typed (the last):
 * subcommands, options, the PIDs of this user's JVMs, and from a live JVM its classes, {@code CLASS#method}
 * and {@code CLASS:line} with code. It never loads an agent (a TAB must change no process): classes,
 * methods and lines come only from a JVM whose agent is already loaded.
 */
@Command(name = "__complete", hidden = true, description = "Completion candidates for the shell (used by `graft completion`'s script).")
public final class CompleteCommand extends GraftCommand {
  /** Commands whose first parameter is a PID, and those whose second is a class or target. */
  private static final Set<String> TAKES_PID = Set.of("show", "inject", "rebind", "apply", "list", "diff", "revert", "classes", "watch", "console");
  private static final Set<String> TAKES_TARGET = Set.of("show", "inject", "rebind", "watch");
  private static final Duration QUICK = Duration.ofSeconds(2);

  @Parameters(arity = "0..*", paramLabel = "WORD", description = "The words after `graft`, the last the one being typed.")
  List<String> words = new ArrayList<>();

  @Override
  Object execute() {
    List<String> typed = words.isEmpty() ? List.of("") : words;
    String current = typed.get(typed.size() - 1);
    List<String> candidates = new ArrayList<>();
    CommandSpec root = spec.root();
    if (typed.size() == 1) {
      root.subcommands().forEach((name, sub) -> {
        if (!sub.getCommandSpec().usageMessage().hidden() && name.startsWith(current)) {
          candidates.add(name);
        }
      });
    } else if (root.subcommands().containsKey(typed.get(0))) {
      String command = typed.get(0);
      List<String> positionals = typed.subList(1, typed.size() - 1).stream().filter(word -> !word.startsWith("-")).toList();
      if (current.startsWith("-")) {
        for (OptionSpec option : root.subcommands().get(command).getCommandSpec().options()) {
          for (String name : option.names()) {
            if (name.startsWith("--") && name.startsWith(current)) {
              candidates.add(name);
            }
          }
        }
      } else if (TAKES_PID.contains(command) && positionals.isEmpty()) {
        candidates.addAll(pids(current));
      } else if (TAKES_PID.contains(command) && positionals.size() == 1 && (TAKES_TARGET.contains(command) || command.equals("classes"))) {
        candidates.addAll(fromJvm(positionals.get(0), current, !command.equals("classes")));
      }
    }
    candidates.forEach(this::say);
    return candidates;
  }

  private static List<String> pids(String prefix) {
    long self = ProcessHandle.current().pid();
    List<String> pids = new ArrayList<>();
    for (VirtualMachineDescriptor descriptor : VirtualMachine.list()) {
      if (descriptor.id().startsWith(prefix) && !descriptor.id().equals(String.valueOf(self))) {
        pids.add(descriptor.id());
      }
    }
    return pids;
  }

  /** Classes, CLASS#method or CLASS[#method]:line from the agent of that JVM, when one is loaded. */
  private List<String> fromJvm(String pidText, String current, boolean withMembers) {
    long pid;
    try {
      pid = Long.parseLong(pidText);
    } catch (NumberFormatException e) {
      return List.of();
    }
    try (AgentClient agent = AgentConnector.fromEnvironment().timeout(QUICK).connectIfLoaded(TargetProcess.of(pid))) {
      if (agent == null) {
        return List.of();
      }
      int hash = current.indexOf('#');
      int colon = current.lastIndexOf(':');
      if (withMembers && colon > 0) {
        return lines(agent, current.substring(0, colon), current.substring(colon + 1));
      }
      if (withMembers && hash > 0) {
        String className = current.substring(0, hash);
        String prefix = current.substring(hash + 1);
        TreeSet<String> methods = new TreeSet<>();
        for (MethodInfo method : show(agent, className, null).methods()) {
          if (method.name().startsWith(prefix) && method.hasCode()) {
            methods.add(className + "#" + method.name());
          }
        }
        return new ArrayList<>(methods);
      }
      String pattern = current.contains(".") ? current + "**" : current + "*";
      ClassesResult classes = agent.call(Protocol.OP_CLASSES, new ClassesArgs(pattern, false), ClassesResult.class);
      TreeSet<String> names = new TreeSet<>();
      classes.classes().forEach(found -> names.add(current.contains(".") ? found.className()
          : found.className().substring(found.className().lastIndexOf('.') + 1)));
      return new ArrayList<>(names);
    } catch (GraftException e) {
      return List.of(); // a JVM gone, not ours, or no such class: nothing to offer
    }
  }

  /** {@code where} is CLASS or CLASS#method: the lines with code there, as {@code where:LINE}. */
  private static List<String> lines(AgentClient agent, String where, String prefix) {
    int hash = where.indexOf('#');
    String className = hash < 0 ? where : where.substring(0, hash);
    List<String> methodNames = new ArrayList<>();
    if (hash > 0) {
      methodNames.add(where.substring(hash + 1));
    } else {
      show(agent, className, null).methods().stream().filter(MethodInfo::hasCode).map(MethodInfo::name).distinct().forEach(methodNames::add);
    }
    TreeSet<Integer> lines = new TreeSet<>();
    for (String method : methodNames) {
      for (MethodInfo info : show(agent, className, method).methods()) {
        info.lines().stream().map(LineScope::line).forEach(lines::add);
      }
    }
    List<String> result = new ArrayList<>();
    if (hash > 0 && "entry".startsWith(prefix)) {
      result.add(where + ":entry");
    }
    if (hash > 0 && "exit".startsWith(prefix)) {
      result.add(where + ":exit");
    }
    lines.stream().map(String::valueOf).filter(line -> line.startsWith(prefix)).forEach(line -> result.add(where + ":" + line));
    return result;
  }

  private static ClassInfo show(AgentClient agent, String className, String method) {
    return agent.call(Protocol.OP_SHOW, new ShowArgs(className, method, null, false), ClassInfo.class);
  }
}
