package dev.graft.it;

/** {@link ReliabilityTests} with the target on JDK 25. */
class ReliabilityJdk25Test extends ReliabilityTests {
  @Override
  int jdk() {
    return 25;
  }
}
