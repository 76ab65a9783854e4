package dev.graft.cli.attach;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files this CLI makes for a target of another user (root reaching into a container whose root is
 * another host user, through a user namespace): owned by that user, so the target can read them and its
 * agent takes the directory for its own. Ids, not names: the host's user database does not know the
 * container's users.
 */
final class TargetOwnership {
  private TargetOwnership() {}

  static void give(Path file, TargetProcess target) throws IOException {
    if (target.uid() != TargetProcess.currentUid()) {
      Files.setAttribute(file, "unix:uid", (int) target.uid());
      Files.setAttribute(file, "unix:gid", (int) target.gid());
    }
  }

  /** Refuses a directory someone else made: it could hold a jar planted for the target to load. */
  static void require(Path directory, TargetProcess target) throws IOException {
    long owner = ((Number) Files.getAttribute(directory, "unix:uid")).longValue();
    if (owner != target.uid()) {
      throw new IOException(directory + " belongs to uid " + owner + ", not to the target's uid " + target.uid() + "; remove it");
    }
  }
}
