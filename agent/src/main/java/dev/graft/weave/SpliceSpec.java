package dev.graft.weave;

import dev.graft.protocol.PatchTarget;
import java.util.List;

/**
 * What to splice where: a compiled snippet wrapper and the target it goes before.
 *
 * @param wrapperClass the class javac built around the snippet; its {@value SnippetWrapper#METHOD} holds the code
 * @param localNames the target's locals, in the order the wrapper method takes them (after {@code self})
 * @param propagate let exceptions of the spliced code through instead of catching and counting them
 * @param copy for a patch of a Kotlin inline function's copy inlined into another method, what it copies; else null
 * @param hitsKey see {@link WeaveSpec#hitsKey()}
 * @param onThrow at an exit, the code also runs when an exception leaves the method, which then goes on unchanged
 */
public record SpliceSpec(String patchId, PatchTarget target, byte[] wrapperClass, List<String> localNames, boolean propagate,
    InlinedCopy copy, String hitsKey, boolean onThrow) implements WeaveSpec {
  public SpliceSpec(String patchId, PatchTarget target, byte[] wrapperClass, List<String> localNames, boolean propagate) {
    this(patchId, target, wrapperClass, localNames, propagate, null, null, false);
  }

  public SpliceSpec(String patchId, PatchTarget target, byte[] wrapperClass, List<String> localNames, boolean propagate,
      InlinedCopy copy) {
    this(patchId, target, wrapperClass, localNames, propagate, copy, null, false);
  }

  /**
   * The snippet was compiled in the inline function's own class and scope: its member references are
   * that class's ({@code functionOwner}), and its locals are the copy's {@code x$iv}.
   *
   * @param ofPatch the patch of the function itself, whose revert removes the copy too
   */
  public record InlinedCopy(String ofPatch, String functionOwner) {}
}
