package dev.graft.cli.command;

import dev.graft.cli.attach.AgentClient;
import dev.graft.protocol.Messages.PatchInfo;
import dev.graft.protocol.Messages.PatchList;
import dev.graft.protocol.Protocol;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code graft list PID}: the active patches, and where the agent logs. */
@Command(name = "list", description = "List active patches: id, kind, target, since, exceptions caught; and the agent's log file.")
public final class ListCommand extends GraftCommand {
  @Parameters(index = "0", paramLabel = "PID", description = "The target JVM's process id.")
  long pid;

  @Override
  Object execute() {
    try (AgentClient agent = connectIfLoaded(pid)) {
      if (agent == null) {
        say("no graft agent in " + pid + ": nothing is patched");
        return Map.of("patches", List.of(), "agentLoaded", false);
      }
      PatchList list = agent.call(Protocol.OP_LIST, Map.of(), PatchList.class);
      if (list.patches().isEmpty()) {
        say("no active patches");
      } else {
        say(String.format("%-4s %-7s %-8s %-45s %-30s %-10s %s", "ID", "KIND", "STATE", "TARGET", "SINCE", "EXCEPTIONS", "CODE"));
        for (PatchInfo patch : list.patches()) {
          say(String.format("%-4s %-7s %-8s %-45s %-30s %-10d %s", patch.id(), patch.kind(), patch.state(), patch.target(), patch.since(),
              patch.exceptionsCaught(), abridged(patch.code())));
        }
        for (PatchInfo patch : list.patches()) {
          if (patch.lostBecause() != null) {
            say("warning: patch " + patch.id() + " is not in effect: " + patch.lostBecause()
                + "; revert it, or revert and inject it again");
          }
        }
      }
      say("agent log: " + list.logFile());
      if (list.logProblem() != null) {
        say("warning: the agent's log cannot be written (" + list.logProblem() + "); patches apply and revert without it");
      }
      return list;
    }
  }

  /** The code on one line, cut to fit: enough to tell several patches of one method apart. */
  static String abridged(String code) {
    String line = code == null ? "" : code.strip().replaceAll("\\s+", " ");
    return line.length() <= CODE_WIDTH ? line : line.substring(0, CODE_WIDTH - 1) + "…";
  }

  private static final int CODE_WIDTH = 48;
}
