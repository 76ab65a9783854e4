package dev.graft.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runtimes without a compiler, as container images ship them: {@code jlink} of the modules a service and
 * the graft agent need (java.instrument to load it, jdk.net for the socket's peer check), without
 * {@code jdk.compiler}. Made once per build, under {@code target/}.
 */
public final class Jres {
  private static final String MODULES = "java.base,java.logging,java.instrument,jdk.net,jdk.unsupported";

  private Jres() {}

  public static Path jlinked(int feature) {
    return jlinked(feature, MODULES, "jre-" + feature);
  }

  /** A runtime of these modules only, made once under {@code target/NAME}. */
  public static synchronized Path jlinked(int feature, String modules, String name) {
    Path home = Path.of("target", name).toAbsolutePath();
    if (Files.isExecutable(home.resolve("bin/java"))) {
      return home;
    }
    Path jlink = Jdks.home(feature).resolve("bin/jlink");
    try {
      Process process = new ProcessBuilder(List.of(jlink.toString(), "--add-modules", modules, "--output", home.toString(),
          "--strip-debug", "--no-header-files", "--no-man-pages")).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("jlink failed: " + output);
      }
      return home;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + jlink, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
