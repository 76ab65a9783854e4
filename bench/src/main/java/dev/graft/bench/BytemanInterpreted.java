package dev.graft.bench;

/** Per-call target. Line 8 ({@code int y = x + 1;}) is where the counter increment is spliced: PerCall.LINE. */
public final class BytemanInterpreted {
  private BytemanInterpreted() {}

  public static int target(int x) {
    int y = x + 1;
    return y;
  }
}
