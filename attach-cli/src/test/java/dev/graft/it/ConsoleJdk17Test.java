package dev.graft.it;

/** {@link ConsoleTests} with the pricing sample on JDK 17. */
class ConsoleJdk17Test extends ConsoleTests {
  @Override
  int jdk() {
    return 17;
  }
}
