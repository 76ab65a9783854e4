package dev.graft.it;

/** {@link RejectionTests} with the target on JDK 25. */
class RejectionJdk25Test extends RejectionTests {
  @Override
  int jdk() {
    return 25;
  }
}
