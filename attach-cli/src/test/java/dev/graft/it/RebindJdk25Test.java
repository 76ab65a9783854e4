package dev.graft.it;

/** {@link RebindTests} with the target on JDK 25. */
class RebindJdk25Test extends RebindTests {
  @Override
  int jdk() {
    return 25;
  }
}
