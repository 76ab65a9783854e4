package dev.graft.cli.attach;

import dev.graft.protocol.Protocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How a process looks from inside its own namespaces (a container): its pid there, the file system it
 * sees, and its user id there. The agent names its socket after the pid and uid it sees, under the /tmp
 * it sees; from the host both are reached through {@code /proc/PID/root}, the kernel's view of the
 * process's root directory, which works whatever the container runtime (as jcmd and jattach do).
 *
 * @param hostPid the pid as this CLI sees it
 * @param namespacePid the pid in the process's innermost pid namespace (the last NSpid field)
 * @param ownMountNamespace true when the process sees another file system than this CLI
 * @param namespaceUid the process's user id as its own user namespace maps it (the agent's view)
 */
public record TargetNamespace(long hostPid, long namespacePid, boolean ownMountNamespace, long namespaceUid) {

  public static TargetNamespace of(long hostPid, long hostUid) {
    Path proc = Path.of("/proc", String.valueOf(hostPid));
    return new TargetNamespace(hostPid, namespacePid(proc, hostPid), !sameLink(proc.resolve("ns/mnt"), Path.of("/proc/self/ns/mnt")),
        UserIdMap.of(proc.resolve("uid_map")).inside(hostUid));
  }

  /** True when the process lives in other namespaces than this CLI: ps says so, and paths go through its root. */
  public boolean isContained() {
    return namespacePid != hostPid || ownMountNamespace;
  }

  /** The process's root directory as seen from here: {@code /proc/PID/root}, or {@code /} in our own mount namespace. */
  public Path root() {
    return ownMountNamespace ? Path.of("/proc", String.valueOf(hostPid), "root") : Path.of("/");
  }

  /** A path the process names (inside its file system), as this CLI reaches it. */
  public Path fromHost(Path inside) {
    if (!ownMountNamespace) {
      return inside;
    }
    return root().resolve(Path.of("/").relativize(inside.toAbsolutePath()));
  }

  /** Where the agent in this process says why it would not start, as this CLI reaches it. */
  public Path refusal() {
    return fromHost(Protocol.refusalPath(namespaceUid, namespacePid));
  }

  /** Where the agent in this process listens, as this CLI reaches it. */
  public Path socket() {
    return fromHost(Protocol.socketPath(namespaceUid, namespacePid));
  }

  /**
   * The last pid on the NSpid line of /proc/PID/status: the pid the process itself sees. A kernel older
   * than 4.1 has no NSpid line; pid namespaces then cannot be told apart, and the host pid is used.
   */
  private static long namespacePid(Path proc, long hostPid) {
    try {
      for (String line : Files.readAllLines(proc.resolve("status"), StandardCharsets.ISO_8859_1)) {
        if (line.startsWith("NSpid:")) {
          List<String> pids = List.of(line.substring("NSpid:".length()).trim().split("\\s+"));
          return Long.parseLong(pids.get(pids.size() - 1));
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone, or unreadable: the command will say so when it reaches for the process
    }
    return hostPid;
  }

  /** Two namespace links name the same namespace when they read the same (mnt:[4026531841]). */
  private static boolean sameLink(Path a, Path b) {
    try {
      return Files.readSymbolicLink(a).equals(Files.readSymbolicLink(b));
    } catch (IOException e) {
      return true; // cannot tell (not permitted): assume ours, as graft did before namespaces
    }
  }
}
