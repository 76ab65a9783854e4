package dev.graft.it;

/** {@link CompilePlaceTests} with the targets on JDK 17. */
class CompilePlaceJdk17Test extends CompilePlaceTests {
  @Override
  int jdk() {
    return 17;
  }
}
