package dev.graft.weave.targets;

/** An interface with a default method: spliced calls to its own methods must be interface calls. */
public interface Greeter {
  String name();

  default String greet(String greeting) {
    String text = greeting + ", " + name(); //@greet.text
    return text; //@greet.return
  }
}
