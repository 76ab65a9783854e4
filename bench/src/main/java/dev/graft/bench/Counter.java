package dev.graft.bench;

/** The counter every variant increments: in source, spliced by graft, or by a Byteman rule. */
public final class Counter {
  public static int hits;

  private Counter() {}
}
