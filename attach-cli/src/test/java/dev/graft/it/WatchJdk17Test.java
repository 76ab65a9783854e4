package dev.graft.it;

/** {@link WatchTests} with the pricing sample on JDK 17. */
class WatchJdk17Test extends WatchTests {
  @Override
  int jdk() {
    return 17;
  }
}
