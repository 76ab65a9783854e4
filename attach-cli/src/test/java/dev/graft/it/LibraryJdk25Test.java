package dev.graft.it;

/** {@link LibraryTests} with the target on JDK 25. */
class LibraryJdk25Test extends LibraryTests {
  @Override
  int jdk() {
    return 25;
  }
}
