package dev.graft.it;

/** {@link InjectCasesTests} with the target on JDK 17. */
class InjectCasesJdk17Test extends InjectCasesTests {
  @Override
  int jdk() {
    return 17;
  }
}
