package dev.graft.it;

/** {@link ReliabilityTests} with the target on JDK 17. */
class ReliabilityJdk17Test extends ReliabilityTests {
  @Override
  int jdk() {
    return 17;
  }
}
