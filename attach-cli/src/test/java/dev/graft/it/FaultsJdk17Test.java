package dev.graft.it;

/** {@link FaultsTests} with the target on JDK 17. */
class FaultsJdk17Test extends FaultsTests {
  @Override
  int jdk() {
    return 17;
  }
}
