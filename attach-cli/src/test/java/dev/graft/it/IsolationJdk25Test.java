package dev.graft.it;

/** {@link IsolationTests} with the target on JDK 25. */
class IsolationJdk25Test extends IsolationTests {
  @Override
  int jdk() {
    return 25;
  }
}
