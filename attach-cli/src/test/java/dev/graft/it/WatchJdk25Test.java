package dev.graft.it;

/** {@link WatchTests} with the pricing sample on JDK 25. */
class WatchJdk25Test extends WatchTests {
  @Override
  int jdk() {
    return 25;
  }
}
