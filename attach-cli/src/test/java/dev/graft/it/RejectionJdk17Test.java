package dev.graft.it;

/** {@link RejectionTests} with the target on JDK 17. */
class RejectionJdk17Test extends RejectionTests {
  @Override
  int jdk() {
    return 17;
  }
}
