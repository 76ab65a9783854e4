package dev.graft.it;

/** {@link ShowTests} with the target on JDK 17. */
class ShowJdk17Test extends ShowTests {
  @Override
  int jdk() {
    return 17;
  }
}
