package dev.graft.it;

/** {@link InjectCasesTests} with the target on JDK 25. */
class InjectCasesJdk25Test extends InjectCasesTests {
  @Override
  int jdk() {
    return 25;
  }
}
