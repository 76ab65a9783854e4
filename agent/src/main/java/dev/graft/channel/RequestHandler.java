package dev.graft.channel;

/** What the channel serves: one reply per request, on the channel thread, one request at a time. */
public interface RequestHandler {
  /** The reply to one request frame from a process of {@code peerUser} (the kernel's word); never throws. */
  byte[] handle(byte[] request, String peerUser);

  /** Work the reply need not wait for (the bytecode report in the agent's log): run just after the reply is written. */
  void afterReply();

  /** Called about once a second while the channel is quiet: the moment to let go of what idleness makes useless. */
  void idle();
}
