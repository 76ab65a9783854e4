package dev.graft.it;

/** {@link RefusalTests} with the target on JDK 17. */
class RefusalJdk17Test extends RefusalTests {
  @Override
  int jdk() {
    return 17;
  }
}
