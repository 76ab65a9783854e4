package dev.graft.it;

/** {@link InjectTests} with the target on JDK 17. */
class InjectJdk17Test extends InjectTests {
  @Override
  int jdk() {
    return 17;
  }
}
