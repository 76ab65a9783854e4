package dev.graft.patch;

import dev.graft.protocol.PatchTarget;
import dev.graft.weave.SpliceSpec;
import java.time.Instant;

/**
 * One active change to one class, immutable: what the user asked for and the compiled code that does it.
 *
 * @param internalName the patched class, slash-separated
 * @param loaderId the loader that defined it (see LoaderIds)
 */
public record Patch(
    String id, String kind, PatchTarget target, String code, String internalName, String loaderId, SpliceSpec splice, Instant since) {
  public static final String KIND_INJECT = "inject";

  public String className() {
    return internalName.replace('/', '.');
  }
}
