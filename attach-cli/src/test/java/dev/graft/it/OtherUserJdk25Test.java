package dev.graft.it;

/** {@link OtherUserTests} with the target on JDK 25. */
class OtherUserJdk25Test extends OtherUserTests {
  @Override
  int jdk() {
    return 25;
  }
}
