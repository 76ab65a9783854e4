package dev.graft.agent.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRetentionTest {
  /** Pids beyond Linux's pid_max (4,194,304 at most): no process has them. */
  private static final long EXITED = 999_999_991L;
  private static final long EXITED_RECENTLY = 999_999_992L;

  @Test
  void logsOfExitedJvms_olderThanTheRetention_go_othersStay(@TempDir Path directory) throws Exception {
    Path old = log(directory, EXITED, Duration.ofDays(8));
    Path recent = log(directory, EXITED_RECENTLY, Duration.ofDays(1));
    Path running = log(directory, 1, Duration.ofDays(30)); // pid 1 runs: its agent may still write
    Path own = log(directory, ProcessHandle.current().pid(), Duration.ofDays(30));
    Path other = Files.writeString(directory.resolve("notes.txt"), "not a log");
    Files.setLastModifiedTime(other, FileTime.from(Instant.now().minus(Duration.ofDays(30))));

    List<Path> removed = LogRetention.clean(directory, ProcessHandle.current().pid());

    assertEquals(List.of(old), removed);
    assertFalse(Files.exists(old));
    assertTrue(Files.exists(recent) && Files.exists(running) && Files.exists(own) && Files.exists(other));
  }

  @Test
  void aMissingDirectory_isNoFailure(@TempDir Path directory) {
    assertEquals(List.of(), LogRetention.clean(directory.resolve("absent"), 1));
  }

  private static Path log(Path directory, long pid, Duration age) throws Exception {
    Path file = Files.writeString(directory.resolve("graft-agent-" + pid + ".log"), "a log\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
    return file;
  }
}
