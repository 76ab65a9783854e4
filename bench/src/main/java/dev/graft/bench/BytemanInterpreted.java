package dev.graft.bench;
import org.openjdk.jmh.annotations.CompilerControl;
/** Per-call target; a Byteman AT LINE 8 rule (interpreted) increments the counter (PerCall.LINE). Never inlined (the same call in every variant: their difference is the increment, which the JIT cannot fold into the caller). */
public final class BytemanInterpreted {
  private BytemanInterpreted() {}
  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  public static int target(int x) {
    int y = x + 1;
    return y;
  }
}
