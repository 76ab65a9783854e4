package dev.graft.cli.attach;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A process's /proc/PID/uid_map: which of this CLI's user ids stand for which ids inside the process's
 * user namespace. The kernel writes each range relative to the reader's own namespace, so the host's
 * uid 100000 read as "0 100000 65536" is root inside the container.
 */
final class UserIdMap {
  private record Range(long inside, long outside, long count) {}

  private final List<Range> ranges;

  private UserIdMap(List<Range> ranges) {
    this.ranges = ranges;
  }

  /** The map in that file; an unreadable one maps every id to itself (the namespace this CLI runs in). */
  static UserIdMap of(Path uidMap) {
    List<Range> ranges = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(uidMap, StandardCharsets.ISO_8859_1)) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length == 3) {
          ranges.add(new Range(Long.parseLong(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2])));
        }
      }
    } catch (IOException | NumberFormatException e) {
      ranges.clear();
    }
    return new UserIdMap(ranges);
  }

  /** The id inside for this CLI's {@code uid}; the id itself when no range holds it (or there is no map). */
  long inside(long uid) {
    for (Range range : ranges) {
      if (uid >= range.outside() && uid - range.outside() < range.count()) {
        return range.inside() + (uid - range.outside());
      }
    }
    return uid;
  }
}
