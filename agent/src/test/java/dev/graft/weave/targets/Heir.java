package dev.graft.weave.targets;

import dev.graft.weave.targets.elsewhere.Guarded;

/** A subclass of a class in another package: it may call secret() on itself, not on any Guarded. */
public class Heir extends Guarded {
  private final int count;

  public Heir(int count) {
    this.count = count;
  }

  public int peek(Guarded other) {
    return count;
  }

  public int choose(boolean first) {
    return first ? count : -count;
  }
}
