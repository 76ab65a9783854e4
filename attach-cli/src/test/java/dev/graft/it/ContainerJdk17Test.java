package dev.graft.it;

import dev.graft.it.support.Jdks;
import java.nio.file.Path;

/** {@link ContainerTests} with a JDK 17 in the container. */
class ContainerJdk17Test extends ContainerTests {
  @Override
  Path javaHome() {
    return Jdks.home(17);
  }

  @Override
  boolean runtimeHasJavac() {
    return true;
  }
}
