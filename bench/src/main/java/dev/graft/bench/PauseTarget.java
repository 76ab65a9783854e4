package dev.graft.bench;

/** The one class bench-pause.sh patches and reverts; line 9 (the return) gets {@code v = v + 1;} spliced before it. */
public final class PauseTarget {
  private PauseTarget() {}

  static long work(long i) {
    long v = i * 31;
    return v ^ (v >>> 7);
  }
}
