package dev.graft.bench;
import org.openjdk.jmh.annotations.CompilerControl;
/** Per-call target; graft splices {@code Counter.hits++;} before line 8 ({@code int y = x + 1;}, PerCall.LINE). Never inlined (the same call in every variant: their difference is the increment, which the JIT cannot fold into the caller). */
public final class Spliced {
  private Spliced() {}
  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  public static int target(int x) {
    int y = x + 1;
    return y;
  }
}
