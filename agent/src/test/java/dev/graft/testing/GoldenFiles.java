package dev.graft.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares text with {@code <graft.goldenDir>/<name>.txt}; with {@code -Dgraft.updateGolden=true} rewrites the
 * file instead (then read the diff before committing it).
 */
public final class GoldenFiles {
  public static final String DIR_PROPERTY = "graft.goldenDir";
  public static final String UPDATE_PROPERTY = "graft.updateGolden";

  private GoldenFiles() {}

  public static void assertMatches(String name, String actual) {
    Path file = directory().resolve(name + ".txt");
    String normalized = actual.replace("\r\n", "\n");
    try {
      if (Boolean.getBoolean(UPDATE_PROPERTY)) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, normalized, StandardCharsets.UTF_8);
        return;
      }
      assertTrue(Files.exists(file), "no golden file " + file + "; create it with -D" + UPDATE_PROPERTY + "=true");
      String expected = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
      assertEquals(expected, normalized, "differs from golden file " + file
          + "; if the change is intended, rerun with -D" + UPDATE_PROPERTY + "=true and review the diff");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path directory() {
    String configured = System.getProperty(DIR_PROPERTY);
    return configured != null ? Path.of(configured) : Path.of("src", "test", "resources", "golden");
  }
}
