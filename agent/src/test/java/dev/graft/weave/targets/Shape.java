package dev.graft.weave.targets;

/** An abstract method has no code to patch. */
public abstract class Shape {
  public abstract double area();

  public double twiceArea() {
    return 2 * area(); //@twiceArea.return
  }
}
