package dev.graft.cli.attach;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a graft agent is loaded in a process, seen from outside: the JVM keeps the agent's jar open (its
 * class loaders read the core from it), so one of the process's open files is a graft-agent jar. Asked only
 * when the agent's socket does not answer, to tell "no agent" from "an agent out of reach".
 */
public final class AgentPresence {
  private AgentPresence() {}

  /**
   * An agent loaded and started: its jar is open, and it left no note that it declined to start (the JVM
   * keeps the jar of a refused agent open too).
   */
  public static boolean started(TargetProcess target) {
    return loaded(target.pid()) && !Files.exists(target.namespace().refusal());
  }

  public static boolean loaded(long pid) {
    try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "fd"))) {
      for (Path descriptor : descriptors) {
        if (isAgentJar(descriptor)) {
          return true;
        }
      }
    } catch (IOException | RuntimeException e) {
      return false; // gone, or not readable: no agent graft could reach anyway
    }
    return false;
  }

  private static boolean isAgentJar(Path descriptor) {
    try {
      String name = Files.readSymbolicLink(descriptor).getFileName().toString();
      return name.startsWith("graft-agent") && name.endsWith(".jar");
    } catch (IOException | RuntimeException e) {
      return false; // closed meanwhile, or not a file
    }
  }
}
