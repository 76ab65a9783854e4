package dev.graft.it;

/** {@link ApplyTests} with the target on JDK 25. */
class ApplyJdk25Test extends ApplyTests {
  @Override
  int jdk() {
    return 25;
  }
}
