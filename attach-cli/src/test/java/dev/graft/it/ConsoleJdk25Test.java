package dev.graft.it;

/** {@link ConsoleTests} with the pricing sample on JDK 25. */
class ConsoleJdk25Test extends ConsoleTests {
  @Override
  int jdk() {
    return 25;
  }
}
