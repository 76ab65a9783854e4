package dev.graft.it;

/** {@link LifetimeTests} with the pricing sample on JDK 25. */
class LifetimeJdk25Test extends LifetimeTests {
  @Override
  int jdk() {
    return 25;
  }
}
