package dev.graft.it;

/** {@link ChannelTests} with the target on JDK 17. */
class ChannelJdk17Test extends ChannelTests {
  @Override
  int jdk() {
    return 17;
  }
}
