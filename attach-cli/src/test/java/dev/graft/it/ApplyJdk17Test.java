package dev.graft.it;

/** {@link ApplyTests} with the target on JDK 17. */
class ApplyJdk17Test extends ApplyTests {
  @Override
  int jdk() {
    return 17;
  }
}
