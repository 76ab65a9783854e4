package dev.graft.compile.targets;

/** A target whose snippets name {@link Ledger}: javac reads Ledger as a plain class when compiling them. */
public class Teller {
  public int pay(Ledger ledger, int amount) {
    int fee = amount / 10;
    return fee + ledger.total(amount);
  }
}
