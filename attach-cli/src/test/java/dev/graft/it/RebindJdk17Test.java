package dev.graft.it;

/** {@link RebindTests} with the target on JDK 17. */
class RebindJdk17Test extends RebindTests {
  @Override
  int jdk() {
    return 17;
  }
}
