package dev.graft.samples.modern;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Java 25 program, the way current Java is written: records implementing a sealed interface, a pattern
 * switch over them, 2,000 virtual threads parked in one method, a constructor with statements before
 * {@code super(...)} (JEP 513). Answers stdin: {@code shape circle 2} / {@code shape square 3} describes
 * a shape, {@code badge 5} builds a {@link Badge}. Lines graft's tests patch carry a {@code // graft:} mark.
 */
public final class Modern {
  static final int VIRTUAL_THREADS = 2_000;

  /** Nested, so that they are nest mates of the class a snippet in {@link #describe} is compiled against. */
  public sealed interface Shape permits Circle, Square {}

  public record Circle(double radius) implements Shape {}

  public record Square(double side) implements Shape {}

  private Modern() {}

  static String describe(Shape shape) {
    String kind = "shape";
    String text = switch (shape) { // graft: describe
      case Circle(double radius) -> "circle " + radius;
      case Square square -> "square " + square.side();
    };
    return kind + " " + text;
  }

  static Shape parse(String name, double size) {
    return name.equals("circle") ? new Circle(size) : new Square(size);
  }

  public static void main(String[] args) throws Exception {
    CountDownLatch arrived = new CountDownLatch(VIRTUAL_THREADS);
    CountDownLatch release = new CountDownLatch(1);
    // half started directly (the root thread container), half by an executor (a container of its own)
    for (int i = 0; i < VIRTUAL_THREADS / 2; i++) {
      Thread.ofVirtual().name("sleeper-" + i).start(() -> Sleepers.waitHere(arrived, release));
    }
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    for (int i = 0; i < VIRTUAL_THREADS / 2; i++) {
      executor.submit(() -> Sleepers.waitHere(arrived, release));
    }
    arrived.await();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.out.println("modern: ready, " + VIRTUAL_THREADS + " virtual threads parked");
    for (String line; (line = in.readLine()) != null; ) {
      String[] words = line.trim().split(" ");
      try {
        switch (words[0]) {
          case "shape" -> System.out.println("shape: " + describe(parse(words[1], Double.parseDouble(words[2]))));
          case "badge" -> System.out.println("badge: " + new Badge(Integer.parseInt(words[1])));
          default -> System.out.println("unknown: " + line);
        }
      } catch (RuntimeException e) {
        System.out.println("error: " + e);
      }
    }
    release.countDown();
    executor.close();
  }
}
