package dev.graft.agent.core;

import dev.graft.channel.SecureDirectory;
import dev.graft.protocol.Protocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An agent that declines to start: one line on the target's stderr (its only output, in place of the start
 * line) and the same words in a note beside the socket, where the CLI that attached reads them.
 */
final class StartRefusal {
  private StartRefusal() {}

  /** Says why; returns null, the core's answer for "not started". */
  static Object refuse(long pid, String why) {
    System.err.println("graft: agent not started: " + why);
    try {
      Path note = note(pid);
      SecureDirectory.prepare(note.getParent());
      Files.writeString(note, why, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      // the stderr line stands alone; the CLI then says the agent did not start, without the figures
    }
    return null;
  }

  /** A note left by an earlier refusal no longer holds once the agent starts. */
  static void clear(long pid) {
    try {
      Files.deleteIfExists(note(pid));
    } catch (IOException | RuntimeException e) {
      // a stale note only makes a later CLI quote an old refusal if this agent's socket is gone too
    }
  }

  private static Path note(long pid) throws IOException {
    long uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    return Protocol.refusalPath(uid, pid);
  }
}
