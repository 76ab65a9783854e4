package dev.graft.agent.core;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the log directory bounded: at each agent's start, the logs of JVMs that have exited are removed
 * once older than the retention period, and beyond a total size the oldest of them go first. A running
 * JVM's log is never touched: its agent may still write to it.
 */
final class LogRetention {
  private static final Pattern LOG = Pattern.compile("graft-agent-(\\d+)\\.log");
  static final Duration RETENTION = Duration.ofDays(Long.getLong("graft.log.retention.days", 7));
  static final long CAP_BYTES = Long.getLong("graft.log.cap.mb", 50) << 20;

  private LogRetention() {}

  /** Returns the logs removed. Failures cost nothing but the cleaning: a log is no reason to refuse a start. */
  static List<Path> clean(Path directory, long ownPid) {
    List<Path> removed = new ArrayList<>();
    List<Path> exited = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "graft-agent-*.log")) {
      for (Path file : files) {
        Matcher name = LOG.matcher(file.getFileName().toString());
        if (name.matches()) {
          long pid = Long.parseLong(name.group(1));
          if (pid != ownPid && ProcessHandle.of(pid).isEmpty()) {
            exited.add(file);
          }
        }
      }
      Instant cutoff = Instant.now().minus(RETENTION);
      exited.sort(Comparator.comparing(LogRetention::modified)); // oldest first
      long total = 0;
      for (Path file : exited) {
        total += Files.size(file);
      }
      for (Path file : exited) {
        if (modified(file).isBefore(cutoff) || total > CAP_BYTES) {
          total -= Files.size(file);
          Files.deleteIfExists(file);
          removed.add(file);
        }
      }
    } catch (IOException | RuntimeException e) {
      // an unreadable directory or a file gone meanwhile: the next start cleans again
    }
    return removed;
  }

  private static Instant modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant();
    } catch (IOException e) {
      return Instant.EPOCH;
    }
  }
}
