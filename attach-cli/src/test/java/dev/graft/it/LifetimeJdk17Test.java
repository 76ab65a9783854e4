package dev.graft.it;

/** {@link LifetimeTests} with the pricing sample on JDK 17. */
class LifetimeJdk17Test extends LifetimeTests {
  @Override
  int jdk() {
    return 17;
  }
}
