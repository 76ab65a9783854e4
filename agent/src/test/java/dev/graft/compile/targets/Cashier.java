package dev.graft.compile.targets;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Names types as a source does, through imports: a snippet pasted from here must compile as it is. */
public final class Cashier {
  private final LongAdder sales = new LongAdder();
  private java.awt.List awtList; // with java.util.List: "List" is ambiguous in this class's constant pool

  public int ring(Map<String, Integer> prices, List<String> items) {
    int total = 0;
    for (Map.Entry<String, Integer> price : prices.entrySet()) {
      total += items.contains(price.getKey()) ? price.getValue() : 0;
    }
    sales.add(total);
    return total + (int) Duration.ZERO.toMillis();
  }
}
