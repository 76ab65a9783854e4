package dev.graft.it;

/** {@link ModularTests} with the target on JDK 17. */
class ModularJdk17Test extends ModularTests {
  @Override
  int jdk() {
    return 17;
  }
}
