package dev.graft.it;

/** {@link MemoryFaultsTests} with the target on JDK 17. */
class MemoryFaultsJdk17Test extends MemoryFaultsTests {
  @Override
  int jdk() {
    return 17;
  }
}
