package dev.graft.bench;
import org.openjdk.jmh.annotations.CompilerControl;
/** Per-call target with the increment written in the source, just before the line graft splices at. Never inlined (the same call in every variant: their difference is the increment, which the JIT cannot fold into the caller). */
public final class InSource {
  private InSource() {}
  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  public static int target(int x) {
    Counter.hits++;
    int y = x + 1;
    return y;
  }
}
