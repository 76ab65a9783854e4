package dev.graft.it;

/** {@link LibraryTests} with the target on JDK 17. */
class LibraryJdk17Test extends LibraryTests {
  @Override
  int jdk() {
    return 17;
  }
}
