package dev.graft.it;

/** {@link ChannelTests} with the target on JDK 25. */
class ChannelJdk25Test extends ChannelTests {
  @Override
  int jdk() {
    return 25;
  }
}
