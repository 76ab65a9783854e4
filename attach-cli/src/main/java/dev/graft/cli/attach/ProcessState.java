package dev.graft.cli.attach;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the kernel says of a process ({@code /proc/PID/stat}), for a message about a JVM that does not answer. */
final class ProcessState {
  private ProcessState() {}

  static String describe(long pid) {
    String stat;
    try {
      stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    } catch (IOException e) {
      return "process " + pid + " has exited";
    }
    int close = stat.lastIndexOf(')'); // the command name may hold spaces and parentheses
    char state = close >= 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
    return switch (state) {
      case 'T', 't' -> "process " + pid + " is stopped (state " + state + "): kill -CONT " + pid + " resumes it";
      case 'Z', 'X' -> "process " + pid + " has exited";
      case 'D' -> "process " + pid + " waits on the disk or the kernel (state D)";
      case 'R' -> "process " + pid + " is running";
      default -> "process " + pid + " is in state " + state;
    };
  }
}
