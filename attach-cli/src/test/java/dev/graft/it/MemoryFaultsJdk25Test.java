package dev.graft.it;

/** {@link MemoryFaultsTests} with the target on JDK 25. */
class MemoryFaultsJdk25Test extends MemoryFaultsTests {
  @Override
  int jdk() {
    return 25;
  }
}
