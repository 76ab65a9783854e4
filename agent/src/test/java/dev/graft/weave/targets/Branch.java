package dev.graft.weave.targets;

/** A subclass of a class in its own package. */
public class Branch extends Node {
  public int weigh(Node other) {
    return 0;
  }
}
