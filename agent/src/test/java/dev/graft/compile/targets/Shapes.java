package dev.graft.compile.targets;

/** A nest with a sealed interface and its record implementations: what a snippet inside Shapes sees of them. */
public class Shapes {
  public sealed interface Shape permits Circle, Square {}

  public record Circle(double radius) implements Shape {}

  public record Square(double side) implements Shape {}

  public enum Unit { CM, INCH }

  public double area(Shape shape) {
    double area = shape instanceof Square square ? square.side() * square.side() : 3 * ((Circle) shape).radius();
    return area;
  }
}
