package dev.graft.it;

import java.util.List;

/** {@link FidelityTests} on JDK 17, which drops MethodParameters at retransformation (JDK-8240908). */
class FidelityJdk17Test extends FidelityTests {
  @Override
  int jdk() {
    return 17;
  }

  @Override
  List<String> droppedByTheJvm() {
    return List.of("Deprecated", "MethodParameters");
  }
}
