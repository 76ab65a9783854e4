package dev.graft.it;

/** {@link CompilePlaceTests} with the targets on JDK 25. */
class CompilePlaceJdk25Test extends CompilePlaceTests {
  @Override
  int jdk() {
    return 25;
  }
}
