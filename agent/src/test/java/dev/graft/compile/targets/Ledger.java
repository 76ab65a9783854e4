package dev.graft.compile.targets;

/** A target with a private field: a snippet in it reads the field through the class's accessible view. */
public class Ledger {
  private int balance = 1;

  public int total(int x) {
    int y = x + 1;
    return y + balance;
  }
}
