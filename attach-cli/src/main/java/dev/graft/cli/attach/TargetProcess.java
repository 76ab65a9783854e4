package dev.graft.cli.attach;

import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A process the user named, checked before anything is sent to it: it exists and it is ours; and, before
 * an attach ({@link #requireJvm}), that it is a JVM. That check matters: the attach mechanism signals the
 * process (SIGQUIT), which would kill a process that is not a JVM. A process whose graft socket answers
 * needs no such check, and reading its memory map (thousands of lines) is a cost every command would pay.
 */
public record TargetProcess(long pid, long uid) {
  private static final String JVM_LIBRARY = "/libjvm.so";
  private static final long ROOT = 0;

  public static TargetProcess of(long pid) {
    Path proc = Path.of("/proc", String.valueOf(pid));
    if (pid <= 0 || !Files.isDirectory(proc)) {
      throw new GraftException(ExitCodes.UNREACHABLE, "no process " + pid + " on this machine; `graft ps` lists the JVMs");
    }
    long uid = uidOf(proc);
    long me = uidOf(Path.of("/proc/self"));
    if (uid != me && me != ROOT) { // root may, as the agent serves root: the node's admin reaching into a container
      throw new GraftException(ExitCodes.UNREACHABLE, "process " + pid + " belongs to " + userName(proc)
          + ", and graft runs as " + userName(Path.of("/proc/self")) + "; run graft as that user (sudo -u USER graft ...)");
    }
    return new TargetProcess(pid, uid);
  }

  /** Refuses a process that is not a JVM (exit 3): to be called before signalling it to attach. */
  public void requireJvm() {
    Path proc = Path.of("/proc", String.valueOf(pid));
    if (!isJvm(proc)) {
      throw new GraftException(ExitCodes.UNREACHABLE, "process " + pid + " (" + command(proc) + ") is not a Java virtual machine");
    }
  }

  /** Its namespaces: the pid, file system and user id it sees itself (a container's, or ours). */
  public TargetNamespace namespace() {
    return TargetNamespace.of(pid, uid);
  }

  /** Where its agent listens, as this CLI reaches it (through /proc/PID/root for a JVM in a container). */
  public Path socket() {
    return namespace().socket();
  }

  /** The process's group, for the files staged for it by root. */
  public long gid() {
    try {
      return ((Number) Files.getAttribute(Path.of("/proc", String.valueOf(pid)), "unix:gid")).longValue();
    } catch (IOException e) {
      throw new GraftException(ExitCodes.UNREACHABLE, "cannot read the group of process " + pid + ": " + e.getMessage());
    }
  }

  public static long currentUid() {
    return uidOf(Path.of("/proc/self"));
  }

  /** The Java version of the JDK or JRE the process runs, from the {@code release} file beside its binary. */
  public String javaVersion() {
    try {
      Path java = Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "exe"));
      Path release = namespace().fromHost(java.getParent().getParent().resolve("release")); // exe names the container's path
      Properties properties = new Properties();
      try (var in = Files.newInputStream(release)) {
        properties.load(in);
      }
      return properties.getProperty("JAVA_VERSION", "?").replace("\"", "");
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  /** The feature release of the process's Java (17, 25, ...); 0 when it cannot be told. */
  public int javaFeature() {
    String version = javaVersion();
    try {
      String first = version.startsWith("1.") ? version.substring(2) : version;
      return Integer.parseInt(first.split("[.+-]")[0]);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static boolean isJvm(Path proc) {
    try {
      return Files.readString(proc.resolve("maps"), StandardCharsets.ISO_8859_1).contains(JVM_LIBRARY);
    } catch (IOException e) {
      throw new GraftException(ExitCodes.UNREACHABLE, "cannot read " + proc.resolve("maps") + " (" + e.getMessage() + "); is attach allowed here?");
    }
  }

  private static long uidOf(Path proc) {
    try {
      return ((Number) Files.getAttribute(proc, "unix:uid")).longValue();
    } catch (IOException e) {
      throw new GraftException(ExitCodes.UNREACHABLE, "cannot read the owner of " + proc + ": " + e.getMessage());
    }
  }

  private static String userName(Path proc) {
    try {
      return Files.getOwner(proc).getName();
    } catch (IOException e) {
      return "uid " + uidOf(proc);
    }
  }

  private static String command(Path proc) {
    try {
      return Files.readString(proc.resolve("comm")).trim();
    } catch (IOException e) {
      return "?";
    }
  }
}
