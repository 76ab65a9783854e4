package dev.graft.samples.modern;

/**
 * Checks and prepares its argument before calling {@code super(...)} (JEP 513, Java 25): the object does not
 * exist yet on those lines, so neither it nor its fields may be used there.
 */
final class Badge extends Caption {
  private final int size;

  Badge(int size) {
    int checked = Math.max(size, 1); // graft: before super
    String words = "size " + checked; // graft: words
    super(words);
    this.size = checked; // graft: after super
  }

  @Override
  public String toString() {
    return text + " (" + size + ")";
  }
}

/** The superclass a {@link Badge} calls. */
class Caption {
  final String text;

  Caption(String text) {
    this.text = text;
  }
}
