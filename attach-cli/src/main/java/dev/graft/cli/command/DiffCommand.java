package dev.graft.cli.command;

import dev.graft.cli.attach.AgentClient;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.Messages.DiffArgs;
import dev.graft.protocol.Messages.DiffResult;
import dev.graft.protocol.Protocol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code graft diff PID ID}: original against patched bytecode of the methods the patch changed. */
@Command(name = "diff", description = "Show original vs patched bytecode of the methods a patch changed.")
public final class DiffCommand extends GraftCommand {
  @Parameters(index = "0", paramLabel = "PID", description = "The target JVM's process id.")
  long pid;

  @Parameters(index = "1", paramLabel = "ID", description = "A patch id, as `graft list` shows it.")
  String id;

  @Override
  Object execute() {
    try (AgentClient agent = connectIfLoaded(pid)) {
      if (agent == null) {
        throw GraftException.rejected("no graft agent in " + pid + ", so no patch " + id);
      }
      DiffResult diff = agent.call(Protocol.OP_DIFF, new DiffArgs(id), DiffResult.class);
      say(diff.diff().stripTrailing());
      return diff;
    }
  }
}
