package dev.graft.samples.fidelity;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * The class graft patches in the fidelity tests. Each member carries an attribute reflection reads: a
 * web framework binds request parameters by {@link java.lang.reflect.Parameter#getName()} (MethodParameters),
 * reads annotations on methods and parameters, walks records, sealed hierarchies and nests.
 */
@Tag(value = "catalog", weight = 7)
public class Catalog<K extends Comparable<K>> {
  @Tag("prices") private final Map<String, @Tag("price") Integer> prices = Map.of("tea", 3, "cake", 5);

  /** Sealed: PermittedSubclasses; nested: NestMembers and InnerClasses. */
  public sealed interface Shape permits Circle, Square {}

  public record Circle(@Tag("radius") int radius) implements Shape {}

  public record Square(int side, @Tag(weight = 1) String label) implements Shape {}

  @Deprecated
  @Tag("quote")
  public int quote(@Tag("qty") final int quantity, String code) throws IOException {
    int unit = prices.getOrDefault(code, 1);
    int total = unit * quantity;
    return total;
  }

  public <T extends Number> List<@Tag("item") T> repeat(T item, int times) {
    List<T> items = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      items.add(item);
    }
    return items;
  }

  public IntUnaryOperator scaler(int factor) {
    class Scaled implements IntUnaryOperator { // a local class: EnclosingMethod
      @Override
      public int applyAsInt(int value) {
        return value * factor;
      }
    }
    return factor > 0 ? new Scaled() : value -> value;
  }

  public static int area(Shape shape) {
    if (shape instanceof Circle circle) {
      return 3 * circle.radius() * circle.radius();
    }
    Square square = (Square) shape;
    return square.side() * square.side();
  }

  public K first(List<? extends K> keys) {
    return keys.isEmpty() ? null : keys.get(0);
  }
}
