package dev.graft.weave.targets;

/** An inner class: javac stores its outer instance before calling super(), so its constructor has code before the call. */
public class Tally {
  public int base = 1;

  public class Entry {
    public final int n;

    public Entry(int n) { //@entryDeclaration
      super(); //@superCall
      this.n = n + base; //@afterSuper
    }

    public int doubled() {
      return n * 2; //@doubled
    }
  }
}
