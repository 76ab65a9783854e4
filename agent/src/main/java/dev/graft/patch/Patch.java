package dev.graft.patch;

import dev.graft.weave.WeaveSpec;
import java.time.Instant;

/**
 * One active change to one class, immutable: what the user asked for and the compiled code that does it.
 *
 * @param target what the user named, as they would write it again
 * @param internalName the patched class, slash-separated
 * @param loaderId the loader that defined it (see LoaderIds)
 * @param options the flags a patch script writes after the target to make this patch again ({@code --propagate}, {@code --index 1})
 */
public record Patch(
    String id, String kind, String target, String code, String internalName, String loaderId, WeaveSpec spec, Instant since,
    java.util.List<String> options) {
  public Patch(String id, String kind, String target, String code, String internalName, String loaderId, WeaveSpec spec, Instant since) {
    this(id, kind, target, code, internalName, loaderId, spec, since, java.util.List.of());
  }

  public static final String KIND_INJECT = "inject";
  public static final String KIND_REBIND = "rebind";

  public String className() {
    return internalName.replace('/', '.');
  }
}
