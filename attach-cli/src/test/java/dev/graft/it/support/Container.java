package dev.graft.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opentest4j.TestAbortedException;

/**
 * A JVM in a "container" of its own, as a container runtime makes one, without one: {@code unshare} gives
 * it its own pid namespace (it is pid 1 there) and mount namespace, and a private tmpfs on {@code /tmp},
 * so neither its /tmp (sockets, hsperfdata, the staged agent jar) nor its pid is the host's. Its
 * application jar and Java runtime are bind-mounted under {@code /mnt} first: the build lives under the
 * host's /tmp, which the tmpfs hides. Needs root, as CI runs the tests.
 */
public final class Container {
  private static final String INSIDE = "/mnt/graft-container";

  private Container() {}

  public static TargetJvm pricing(Path javaHome) {
    TargetJvm target = start(javaHome, Samples.pricingJar(), Samples.PRICING_LOOP, "--stdin");
    target.awaitStartingWith("pricing: ready");
    target.ask("1", "order 1"); // Pricing and Rounding load on the first order
    return target;
  }

  public static TargetJvm closures(Path javaHome) {
    TargetJvm target = start(javaHome, TargetJvm.samplesDir().resolve("closures/target/closures.jar").toAbsolutePath().normalize().toString(),
        Samples.CLOSURES, "--stdin");
    target.awaitStartingWith("closures: ready");
    return target;
  }

  /** Skips the test loudly when unshare cannot make namespaces here (not root). */
  public static void assumeAvailable() {
    if (dev.graft.cli.attach.TargetProcess.currentUid() != 0) {
      throw new TestAbortedException("\n*** the container tests make namespaces with unshare, which needs root; they did not run ***");
    }
  }

  private static TargetJvm start(Path javaHome, String jar, String mainClass, String... args) {
    String script = String.join(" && ",
        "mount -t tmpfs tmpfs /mnt", // a place of the container's own for its image
        "mkdir -p " + INSIDE + "/app " + INSIDE + "/jre",
        "mount --bind " + Path.of(jar).getParent() + " " + INSIDE + "/app",
        "mount --bind " + javaHome.toAbsolutePath() + " " + INSIDE + "/jre",
        "mount -t tmpfs tmpfs /tmp", // the container's private /tmp
        "exec " + INSIDE + "/jre/bin/java -Xshare:auto -cp " + INSIDE + "/app/" + Path.of(jar).getFileName() + " " + mainClass + " "
            + String.join(" ", args));
    List<String> command = new ArrayList<>(List.of("unshare", "--pid", "--fork", "--kill-child", "--mount-proc", "--mount", "--propagation", "private",
        "sh", "-c", script));
    return TargetJvm.startUnder(command, Container::forkedChild);
  }

  /** The JVM is the one child unshare forks (pid 1 inside); its host pid is in unshare's children list. */
  private static long forkedChild(Process unshare) {
    Path children = Path.of("/proc", String.valueOf(unshare.pid()), "task", String.valueOf(unshare.pid()), "children");
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      try {
        String text = Files.readString(children).trim();
        if (!text.isEmpty()) {
          return Long.parseLong(text.split("\\s+")[0]);
        }
        Thread.sleep(10);
      } catch (IOException e) {
        throw new IllegalStateException("unshare exited before it forked the JVM: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new IllegalStateException("unshare forked no JVM in 10 s");
  }
}
