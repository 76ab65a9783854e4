package dev.graft.weave;

/** One patch's change to a class, as the weaver applies it: a splice of statements, or a rebinding of reads. */
public sealed interface WeaveSpec permits SpliceSpec, RebindSpec {
  String patchId();

  /** The compiled wrapper class holding the patch's code. */
  byte[] wrapperClass();

  /**
   * The system property holding the patch's {@code AtomicLong} of runs left (a patch with a lifetime,
   * {@link HitGuard}); null for a patch whose code always runs.
   */
  String hitsKey();
}
