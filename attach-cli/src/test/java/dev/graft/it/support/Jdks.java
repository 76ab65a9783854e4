package dev.graft.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The JDKs targets run on: the default one (17, the one running the tests) and the Temurin 25 JDK
 * installed beside it. A missing JDK 25 is said loudly: it fails the run in CI and is skipped, with a
 * banner, elsewhere.
 */
public final class Jdks {
  private Jdks() {}

  public static Path home(int feature) {
    Path current = Path.of(System.getProperty("java.home"));
    if (Runtime.version().feature() == feature) {
      return current;
    }
    Optional<Path> sibling = siblingWithFeature(current.getParent(), feature);
    if (sibling.isPresent()) {
      return sibling.get();
    }
    String message = "\n*****************************************************************\n"
        + "*** JDK " + feature + " NOT FOUND beside " + current + "\n"
        + "*** graft must be tested on JDK 17 and 25; install Temurin " + feature + " in " + current.getParent() + "\n"
        + "*****************************************************************";
    System.err.println(message);
    if ("true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(message);
    }
    Assumptions.abort(message);
    return null;
  }

  public static Path java(int feature) {
    return home(feature).resolve("bin/java");
  }

  private static Optional<Path> siblingWithFeature(Path directory, int feature) {
    try (Stream<Path> candidates = Files.list(directory)) {
      return candidates.filter(home -> feature == featureOf(home)).sorted().findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int featureOf(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/java"))) {
      return -1;
    }
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(release)) {
      properties.load(in);
    } catch (IOException e) {
      return -1;
    }
    String version = properties.getProperty("JAVA_VERSION", "").replace("\"", "");
    String major = version.split("[.+-]")[0];
    try {
      return Integer.parseInt(major);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
