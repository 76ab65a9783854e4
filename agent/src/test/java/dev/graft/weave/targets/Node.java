package dev.graft.weave.targets;

/** A class whose code makes instances of its own subclass. */
public class Node {
  protected int weight() {
    return 1;
  }

  public Node child() {
    return this;
  }

  /** In the same package: the real class may call weight() on any Node, as Java lets it. */
  public int weightOf(Node other) {
    return 0;
  }

  /** The subclass. */
  public static final class Leaf extends Node {}
}
