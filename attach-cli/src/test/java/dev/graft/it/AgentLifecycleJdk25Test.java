package dev.graft.it;

/** {@link AgentLifecycleTests} with the target on JDK 25. */
class AgentLifecycleJdk25Test extends AgentLifecycleTests {
  @Override
  int jdk() {
    return 25;
  }
}
