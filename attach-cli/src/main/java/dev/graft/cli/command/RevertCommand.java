package dev.graft.cli.command;

import dev.graft.cli.attach.AgentClient;
import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.Messages.RevertArgs;
import dev.graft.protocol.Messages.RevertResult;
import dev.graft.protocol.Protocol;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code graft revert PID ID... | --all}: the classes return to their pre-patch bytes. */
@Command(name = "revert", description = "Remove patches; their classes are re-woven from the original bytes with the patches that remain.")
public final class RevertCommand extends GraftCommand {
  @Parameters(index = "0", paramLabel = "PID", description = "The target JVM's process id.")
  long pid;

  @Parameters(index = "1..*", paramLabel = "ID", description = "Patch ids, as `graft list` shows them.")
  List<String> ids;

  @Option(names = "--all", description = "Remove every patch.")
  boolean all;

  @Override
  Object execute() {
    if (all && ids != null && !ids.isEmpty()) {
      throw new GraftException(ExitCodes.USAGE, "name patch ids or --all, not both");
    }
    try (AgentClient agent = connectIfLoaded(pid)) {
      if (!all && (ids == null || ids.isEmpty())) {
        throw new GraftException(ExitCodes.USAGE, "name the patches to revert, or --all; " + activeIds(agent));
      }
      if (agent == null) {
        if (all) {
          say("no graft agent in " + pid + ": nothing to revert");
          return new RevertResult(List.of());
        }
        throw GraftException.rejected("no graft agent in " + pid + ", so no patch " + String.join(", ", ids));
      }
      RevertResult result = agent.call(Protocol.OP_REVERT, new RevertArgs(ids, all), RevertResult.class);
      say(result.reverted().isEmpty() ? "nothing to revert" : "reverted: " + String.join(", ", result.reverted()));
      return result;
    }
  }

  private static String activeIds(AgentClient agent) {
    if (agent == null) {
      return "no graft agent is loaded, so none is active";
    }
    List<String> active = agent.call(Protocol.OP_LIST, java.util.Map.of(), dev.graft.protocol.Messages.PatchList.class).patches().stream()
        .map(dev.graft.protocol.Messages.PatchInfo::id).toList();
    return active.isEmpty() ? "none is active" : "active: " + String.join(", ", active);
  }
}
