package dev.graft.it;

/** {@link ModularTests} with the target on JDK 25. */
class ModularJdk25Test extends ModularTests {
  @Override
  int jdk() {
    return 25;
  }
}
