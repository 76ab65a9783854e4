package dev.graft.it;

/** {@link InjectTests} with the target on JDK 25. */
class InjectJdk25Test extends InjectTests {
  @Override
  int jdk() {
    return 25;
  }
}
