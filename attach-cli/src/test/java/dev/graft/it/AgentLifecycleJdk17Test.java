package dev.graft.it;

/** {@link AgentLifecycleTests} with the target on JDK 17. */
class AgentLifecycleJdk17Test extends AgentLifecycleTests {
  @Override
  int jdk() {
    return 17;
  }
}
