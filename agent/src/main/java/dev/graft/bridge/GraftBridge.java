package dev.graft.bridge;

import java.util.function.BiConsumer;

/**
 * The one graft class that patched code calls. It is injected into the bootstrap class loader, so every
 * class can see it, and it only forwards to the agent's isolated core, so the application sees none of
 * the agent's libraries. Spliced code calls {@link #caught} from its exception handler.
 */
public final class GraftBridge {
  private static volatile BiConsumer<String, Throwable> sink;

  private GraftBridge() {}

  /** Called by the agent core once, when it starts. */
  public static void connect(BiConsumer<String, Throwable> exceptionSink) {
    sink = exceptionSink;
  }

  /** An exception escaped the spliced code of patch {@code patchId}; the method goes on after the splice. */
  public static void caught(Throwable thrown, String patchId) {
    BiConsumer<String, Throwable> current = sink;
    if (current != null) {
      current.accept(patchId, thrown);
    }
  }
}
