package dev.graft.it;

/** {@link OtherUserTests} with the target on JDK 17. */
class OtherUserJdk17Test extends OtherUserTests {
  @Override
  int jdk() {
    return 17;
  }
}
