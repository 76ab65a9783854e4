package dev.graft.it;

/** {@link FaultsTests} with the target on JDK 25. */
class FaultsJdk25Test extends FaultsTests {
  @Override
  int jdk() {
    return 25;
  }
}
