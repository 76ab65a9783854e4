package dev.graft.bench;

/** The template of ScaleTarget's filler classes: copied under other names (same length) by byte replacement. */
final class Filler00000 {
  static int v = 1;

  private Filler00000() {}

  static int get() {
    return v;
  }
}
