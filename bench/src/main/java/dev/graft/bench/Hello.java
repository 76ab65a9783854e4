package dev.graft.bench;

/** A hello-world JVM: the floor a warm {@code graft list} is compared with (same JVM flags), bench-latency.sh. */
public final class Hello {
  private Hello() {}

  public static void main(String[] args) {
    System.out.println("hello");
  }
}
