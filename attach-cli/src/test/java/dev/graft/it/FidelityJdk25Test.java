package dev.graft.it;

import java.util.List;

/** {@link FidelityTests} on JDK 25. */
class FidelityJdk25Test extends FidelityTests {
  @Override
  int jdk() {
    return 25;
  }

  @Override
  List<String> droppedByTheJvm() {
    return List.of("Deprecated");
  }
}
