package dev.graft.it;

/** {@link ShowTests} with the target on JDK 25. */
class ShowJdk25Test extends ShowTests {
  @Override
  int jdk() {
    return 25;
  }
}
