package dev.graft.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Java 25 sample ({@code samples/modern}). The build runs on JDK 17, whose javac cannot read Java 25, so
 * the sample is no Maven module: its sources are compiled here, by the JDK 25 javac found beside the
 * default JDK, into this module's build directory, and run on JDK 25.
 */
public final class ModernSample {
  public static final String PACKAGE = "dev.graft.samples.modern";
  public static final String MODERN = PACKAGE + ".Modern";
  public static final String SLEEPERS = PACKAGE + ".Sleepers";
  public static final String BADGE = PACKAGE + ".Badge";
  private static final int JDK = 25;
  private static Path classes;

  private ModernSample() {}

  public static TargetJvm start() {
    TargetJvm target = TargetJvm.start(JDK, List.of(), classes().toString(), MODERN);
    target.awaitStartingWith("modern: ready, 2000 virtual threads parked");
    return target;
  }

  /** The line of {@code simpleName}'s source that carries the mark {@code // graft: MARK}. */
  public static int lineOf(String simpleName, String mark) {
    Path source = sources().resolve(PACKAGE.replace('.', '/')).resolve(simpleName + ".java");
    try {
      List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).endsWith("// graft: " + mark)) {
          return i + 1;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("no line of " + source + " ends with '// graft: " + mark + "'");
  }

  /** Compiled once per test JVM, with -g (graft needs the local variable tables). */
  private static synchronized Path classes() {
    if (classes != null) {
      return classes;
    }
    Path javac = Jdks.home(JDK).resolve("bin/javac");
    Path out = Path.of(System.getProperty("graft.build.dir", "target"), "modern-sample");
    try (Stream<Path> files = Files.walk(sources())) {
      List<String> command = new ArrayList<>(List.of(javac.toString(), "-g", "--release", String.valueOf(JDK), "-d", out.toString()));
      files.filter(file -> file.toString().endsWith(".java")).forEach(file -> command.add(file.toString()));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException("cannot compile the Java 25 sample: " + command + "\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while compiling the Java 25 sample", e);
    }
    classes = out.toAbsolutePath();
    return classes;
  }

  private static Path sources() {
    return TargetJvm.samplesDir().resolve("modern/src/main/java25");
  }
}
