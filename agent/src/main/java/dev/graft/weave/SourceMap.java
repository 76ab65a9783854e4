package dev.graft.weave;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A class's SMAP (JSR-45, the {@code SourceDebugExtension} attribute), as kotlinc writes it: the class's
 * line numbers past the end of its file are code inlined from elsewhere, and the SMAP's first stratum
 * maps each such line to the file and line it came from. Only the first stratum is read (kotlinc's
 * {@code Kotlin}; its {@code KotlinDebug} stratum maps the same lines to the call sites).
 */
public final class SourceMap {
  /** Where an output line of the class comes from. */
  public record Origin(String fileName, String path, int line) {
    /** The origin's package, slash-separated, from its path ({@code dev/acme/MainKt} or {@code dev/acme/Main.kt}). */
    String packageName() {
      int slash = path == null ? -1 : path.lastIndexOf('/');
      return slash < 0 ? "" : path.substring(0, slash);
    }

    @Override
    public String toString() {
      return fileName + ":" + line;
    }
  }

  private final TreeMap<Integer, Origin> byOutputLine = new TreeMap<>();

  private SourceMap() {}

  /** The map of an SMAP text; null for null or a text that is no SMAP. */
  public static SourceMap parse(String smap) {
    if (smap == null || !smap.startsWith("SMAP")) {
      return null;
    }
    String[] lines = smap.split("\r?\n");
    SourceMap map = new SourceMap();
    Map<Integer, Origin> files = new HashMap<>();
    String section = "";
    int strata = 0;
    int lastFile = 0;
    for (int i = 3; i < lines.length; i++) { // SMAP, the output file, the default stratum's name
      String line = lines[i].trim();
      if (line.startsWith("*")) {
        section = line.length() > 1 ? line.substring(1, 2) : "";
        if (section.equals("S") && ++strata > 1) {
          break; // only the first stratum
        }
        continue;
      }
      try {
        if (section.equals("F")) {
          boolean withPath = line.startsWith("+");
          String entry = withPath ? line.substring(1).trim() : line;
          int space = entry.indexOf(' ');
          int id = Integer.parseInt(entry.substring(0, space));
          String path = withPath && i + 1 < lines.length ? lines[++i].trim() : null;
          files.put(id, new Origin(entry.substring(space + 1).trim(), path, 0));
        } else if (section.equals("L")) {
          lastFile = map.addLineEntry(line, files, lastFile);
        }
      } catch (RuntimeException malformed) {
        return null; // not an SMAP graft can read: the class is treated as having none
      }
    }
    return map;
  }

  /** {@code InputStartLine[#LineFileID][,RepeatCount]:OutputStartLine[,OutputLineIncrement]}; returns the file id. */
  private int addLineEntry(String entry, Map<Integer, Origin> files, int lastFile) {
    int colon = entry.indexOf(':');
    String input = entry.substring(0, colon);
    String output = entry.substring(colon + 1);
    int repeat = 1;
    int comma = input.indexOf(',');
    if (comma >= 0) {
      repeat = Integer.parseInt(input.substring(comma + 1));
      input = input.substring(0, comma);
    }
    int file = lastFile;
    int hash = input.indexOf('#');
    if (hash >= 0) {
      file = Integer.parseInt(input.substring(hash + 1));
      input = input.substring(0, hash);
    }
    int inputStart = Integer.parseInt(input);
    int increment = 1;
    comma = output.indexOf(',');
    if (comma >= 0) {
      increment = Integer.parseInt(output.substring(comma + 1));
      output = output.substring(0, comma);
    }
    int outputStart = Integer.parseInt(output);
    Origin source = files.get(file);
    for (int i = 0; i < repeat; i++) {
      for (int j = 0; j < Math.max(1, increment); j++) {
        byOutputLine.putIfAbsent(outputStart + i * increment + j,
            new Origin(source == null ? "?" : source.fileName(), source == null ? null : source.path(), inputStart + i));
      }
    }
    return file;
  }

  /** Where an output line of the class comes from; null where the SMAP says nothing of it. */
  public Origin origin(int outputLine) {
    return byOutputLine.get(outputLine);
  }

  /**
   * The output lines of the class holding code of {@code line} of the file {@code fileName} in package
   * {@code packageName} (slash-separated), other than that line itself in the class the file compiles to.
   */
  public List<Integer> copiesOf(String packageName, String fileName, int line) {
    List<Integer> result = new ArrayList<>();
    byOutputLine.forEach((output, origin) -> {
      if (origin.line() == line && origin.fileName().equals(fileName) && origin.packageName().equals(packageName)
          && output != line) {
        result.add(output);
      }
    });
    return result;
  }
}
