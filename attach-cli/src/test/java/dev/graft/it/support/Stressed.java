package dev.graft.it.support;

import dev.graft.it.targets.StressedTarget;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@link StressedTarget} started as a JVM of its own, from the test classes. */
public final class Stressed {
  public static final String CLASS = StressedTarget.class.getName();

  private Stressed() {}

  public static TargetJvm start(int jdk, String... jvmOptions) {
    TargetJvm target = TargetJvm.start(jdk, List.of(jvmOptions), classes(), CLASS);
    target.awaitStartingWith("stressed: ready");
    target.ask("call 1", "work 1"); // loaded, and its method run once
    return target;
  }

  /** The same, pinned to one CPU ({@code taskset -c CPU}), as a container limited to one core runs it. */
  public static TargetJvm startPinned(int jdk, int cpu, String... jvmOptions) {
    List<String> options = new ArrayList<>(List.of(jvmOptions));
    TargetJvm target = TargetJvm.startWith(List.of("taskset", "-c", String.valueOf(cpu)), jdk, options, classes(), CLASS);
    target.awaitStartingWith("stressed: ready");
    target.ask("call 1", "work 1");
    return target;
  }

  private static String classes() {
    try {
      return Path.of(StressedTarget.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
