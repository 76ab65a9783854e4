package dev.graft.weave.targets.elsewhere;

/** A super class in another package, with a member only its subclasses may use, on their own instances. */
public class Guarded {
  protected int secret() {
    return 42;
  }
}
