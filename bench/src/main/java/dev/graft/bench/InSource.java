package dev.graft.bench;

/** Per-call target with the increment written in the source, just before the line graft splices at. */
public final class InSource {
  private InSource() {}

  public static int target(int x) {
    Counter.hits++;
    int y = x + 1;
    return y;
  }
}
