package dev.graft.cli.command;

import dev.graft.cli.attach.AgentClient;
import dev.graft.protocol.Messages.PatchInfo;
import dev.graft.protocol.Messages.PatchList;
import dev.graft.protocol.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code graft list PID}: the active patches, and where the agent logs; with {@code --script}, as a patch script. */
@Command(name = "list", description = {"List active patches: id, kind, target, since, exceptions caught, what is left of a lifetime;",
    "and the agent's log file. With --script, the patches as a patch script (for graft apply, or apply=FILE at start-up)."})
public final class ListCommand extends GraftCommand {
  @Parameters(index = "0", paramLabel = "PID", description = "The target JVM's process id.")
  long pid;

  @Option(names = "--script", description = "Print the active patches as a patch script that graft apply and -javaagent:graft-agent.jar=apply=FILE take.")
  boolean script;

  @Override
  Object execute() {
    try (AgentClient agent = connectIfLoaded(pid)) {
      if (agent == null) {
        if (script) {
          say("# no graft agent in " + pid + ": nothing is patched");
          return Map.of("script", "", "agentLoaded", false);
        }
        say("no graft agent in " + pid + ": nothing is patched");
        return Map.of("patches", List.of(), "agentLoaded", false);
      }
      PatchList list = agent.call(Protocol.OP_LIST, Map.of(), PatchList.class);
      if (script) {
        return script(list);
      }
      if (list.patches().isEmpty()) {
        say("no active patches");
      } else {
        say(String.format("%-4s %-7s %-8s %-45s %-30s %-10s %-14s %s", "ID", "KIND", "STATE", "TARGET", "SINCE", "EXCEPTIONS", "LEFT", "CODE"));
        for (PatchInfo patch : list.patches()) {
          say(String.format("%-4s %-7s %-8s %-45s %-30s %-10d %-14s %s", patch.id(), patch.kind(), patch.state(), patch.target(), patch.since(),
              patch.exceptionsCaught(), left(patch), abridged(patch.code())));
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

  /** The patches a user made, as one script; those graft made itself (watches, inlined copies) are not in it. */
  private Object script(PatchList list) {
    StringBuilder text = new StringBuilder("# graft list --script: the active patches of JVM " + pid + "\n");
    List<String> skipped = new ArrayList<>();
    for (PatchInfo patch : list.patches()) {
      if (patch.script() == null) {
        skipped.add(patch.id());
        continue;
      }
      text.append(patch.script());
    }
    if (!skipped.isEmpty()) {
      text.append("# not written: patch(es) ").append(String.join(", ", skipped)).append(", made by graft itself (a watch, an inlined copy)\n");
    }
    if (!common.json) {
      out().print(text);
      out().flush();
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("script", text.toString());
    result.put("notWritten", skipped);
    return result;
  }

  /** What is left of a patch's lifetime: {@code 2 hits}, {@code 9s}, both; a dash for a patch that stays. */
  static String left(PatchInfo patch) {
    List<String> parts = new ArrayList<>();
    if (patch.hitsLeft() != null) {
      parts.add(patch.hitsLeft() + (patch.hitsLeft() == 1 ? " hit" : " hits"));
    }
    if (patch.millisLeft() != null) {
      parts.add((patch.millisLeft() + 999) / 1000 + "s"); // rounded up: 0s only when it is over
    }
    return parts.isEmpty() ? "-" : String.join(", ", parts);
  }

  /** The code on one line, cut to fit: enough to tell several patches of one method apart. */
  static String abridged(String code) {
    String line = code == null ? "" : code.strip().replaceAll("\\s+", " ");
    return line.length() <= CODE_WIDTH ? line : line.substring(0, CODE_WIDTH - 1) + "…";
  }

  private static final int CODE_WIDTH = 48;
}
