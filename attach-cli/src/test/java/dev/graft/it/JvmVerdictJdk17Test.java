package dev.graft.it;

/** {@link JvmVerdictTests} with the target on JDK 17. */
class JvmVerdictJdk17Test extends JvmVerdictTests {
  @Override
  int jdk() {
    return 17;
  }
}
