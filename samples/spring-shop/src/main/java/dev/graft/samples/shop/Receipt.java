package dev.graft.samples.shop;

/** A receipt line; loaded by the first {@code /receipt} request, so a patch for it must wait for it. */
public final class Receipt {
  private final Product product;
  private final int quantity;

  Receipt(Product product, int quantity) {
    this.product = product;
    this.quantity = quantity;
  }

  public String text() {
    int total = product.price() * quantity;
    return product.name() + " x" + quantity + ": " + total; // graft inject Receipt:15 --when-loaded 'total = total * 10;' 
  }
}
