package dev.graft.cli.attach;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The JVMs the JDK's list leaves out: it lists only JVMs that can be attached to, so one started with
 * {@code -XX:+DisableAttachMechanism} (or without perf data, {@code -XX:-UsePerfData}) is missing from it,
 * though a graft agent started with it ({@code -javaagent}) serves its socket all the same. Found from
 * /proc: every process this user may reach whose memory maps libjvm.so.
 */
public final class UnlistedJvms {
  private static final String JVM_LIBRARY = "/libjvm.so";

  private UnlistedJvms() {}

  /** The JVM processes of this user (every one, for root) that are not in {@code listed}, nor this one. */
  public static List<Long> besides(Set<Long> listed) {
    long self = ProcessHandle.current().pid();
    long me = TargetProcess.currentUid();
    List<Long> found = new ArrayList<>();
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path proc : (Iterable<Path>) processes::iterator) {
        long pid = pidOf(proc);
        if (pid <= 0 || pid == self || listed.contains(pid)) {
          continue;
        }
        if ((me == 0 || ownedBy(proc, me)) && mapsTheJvm(proc)) {
          found.add(pid);
        }
      }
    } catch (IOException e) {
      return found; // no /proc: nothing more to find than the JDK's list
    }
    found.sort(null);
    return found;
  }

  /**
   * The processes named {@code java} that belong to other users, user name to pids: graft serves only the
   * user's own JVMs (root: every one), and cannot look further into theirs (their maps are not readable).
   */
  public static java.util.Map<String, List<Long>> ofOtherUsers() {
    long me = TargetProcess.currentUid();
    java.util.Map<String, List<Long>> byUser = new java.util.TreeMap<>();
    if (me == 0) {
      return byUser;
    }
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path proc : (Iterable<Path>) processes::iterator) {
        long pid = pidOf(proc);
        if (pid > 0 && !ownedBy(proc, me) && isNamedJava(proc)) {
          try {
            byUser.computeIfAbsent(Files.getOwner(proc).getName(), user -> new ArrayList<>()).add(pid);
          } catch (IOException | RuntimeException e) {
            // gone meanwhile
          }
        }
      }
    } catch (IOException e) {
      return byUser;
    }
    return byUser;
  }

  private static boolean isNamedJava(Path proc) {
    try {
      return Files.readString(proc.resolve("comm"), StandardCharsets.ISO_8859_1).strip().equals("java");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The main class or jar from the process's command line ({@code -jar app.jar}, or the first word after the options). */
  public static String mainOf(long pid) {
    try {
      String[] words = Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline"), StandardCharsets.UTF_8).split("\0");
      for (int i = 1; i < words.length; i++) {
        String word = words[i];
        if (word.equals("-jar") && i + 1 < words.length) {
          return words[i + 1];
        }
        if (word.equals("-cp") || word.equals("-classpath") || word.equals("--class-path") || word.equals("-p")
            || word.equals("--module-path") || word.equals("--add-modules")) {
          i++;
        } else if (word.equals("-m") || word.equals("--module")) {
          return i + 1 < words.length ? words[i + 1] : "?";
        } else if (!word.startsWith("-")) {
          return word;
        }
      }
      return "?";
    } catch (IOException e) {
      return "?";
    }
  }

  private static long pidOf(Path proc) {
    try {
      return Long.parseLong(proc.getFileName().toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean ownedBy(Path proc, long uid) {
    try {
      return ((Number) Files.getAttribute(proc, "unix:uid")).longValue() == uid;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static boolean mapsTheJvm(Path proc) {
    try {
      return Files.readString(proc.resolve("maps"), StandardCharsets.ISO_8859_1).contains(JVM_LIBRARY);
    } catch (IOException | RuntimeException e) {
      return false; // gone, or not ours to read
    }
  }
}
