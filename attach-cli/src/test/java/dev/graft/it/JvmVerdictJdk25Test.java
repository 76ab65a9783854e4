package dev.graft.it;

/** {@link JvmVerdictTests} with the target on JDK 25. */
class JvmVerdictJdk25Test extends JvmVerdictTests {
  @Override
  int jdk() {
    return 25;
  }
}
