package dev.graft.it;

/** {@link IsolationTests} with the target on JDK 17. */
class IsolationJdk17Test extends IsolationTests {
  @Override
  int jdk() {
    return 17;
  }
}
