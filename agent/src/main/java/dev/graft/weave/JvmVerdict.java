package dev.graft.weave;

/** What the JVM's verifier says of a woven class: accepted, refused with its reason, or not asked (and why). */
public sealed interface JvmVerdict {
  record Accepted() implements JvmVerdict {}

  record Refused(String reason) implements JvmVerdict {}

  /** The throwaway copy cannot stand for the real class here; ASM's verifier alone has judged it. */
  record NotAsked(String why) implements JvmVerdict {}
}
