package dev.graft.it;

/** {@link RefusalTests} with the target on JDK 25. */
class RefusalJdk25Test extends RefusalTests {
  @Override
  int jdk() {
    return 25;
  }
}
