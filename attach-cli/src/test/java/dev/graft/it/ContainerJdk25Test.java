package dev.graft.it;

import dev.graft.it.support.Jres;
import java.nio.file.Path;

/** {@link ContainerTests} with a JRE 25 in the container, as slim images ship: jlinked, without jdk.compiler or java.management. */
class ContainerJdk25Test extends ContainerTests {
  @Override
  Path javaHome() {
    return Jres.jlinked(25);
  }

  @Override
  boolean runtimeHasJavac() {
    return false;
  }
}
