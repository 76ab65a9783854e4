package dev.graft.samples.shop;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.lang3.StringUtils;
import org.apache.catalina.util.ServerInfo;
import org.apache.commons.lang3.math.NumberUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shop's endpoints. Spring binds each {@code @RequestParam} by the parameter's name, read by reflection
 * from the MethodParameters attribute (the build compiles with {@code -parameters}, as Spring Boot's does).
 */
@RestController
public class ShopController {
  private static final List<Product> CATALOG = List.of(new Product("tea", "Green tea", 4), new Product("cake", "Lemon cake", 6),
      new Product("jam", "Plum jam", 9), new Product("honey", "Heather honey", 12));

  /** The bug: a bulk discount of 5% per item, never capped: 20 items are free, more are paid to take. */
  @GetMapping("/price")
  public String price(@RequestParam String sku, @RequestParam int quantity) {
    Product product = find(sku);
    double discount = quantity * 0.05;
    double total = product.price() * quantity * (1 - discount); // graft inject ShopController:28 'if (discount > 0.5) discount = 0.5;' 
    return StringUtils.upperCase(product.sku()) + " x" + quantity + " = " + String.format("%.2f", total);
  }

  /** The products at or under a price: a lambda in a fluent chain, on a line of its own. */
  @GetMapping("/cheap")
  public String cheap(@RequestParam int threshold) {
    return CATALOG.stream()
        .filter(p -> p.price() <= threshold) // graft rebind ShopController:36 threshold=99
        .map(Product::sku)
        .collect(Collectors.joining(","));
  }

  /** Called by no test before the patch: its parameter names must still be there afterwards. */
  @GetMapping("/stock")
  public String stock(@RequestParam String sku, @RequestParam(defaultValue = "1") int wanted) {
    return sku + (find(sku).price() * wanted > 0 ? " in stock" : " sold out");
  }

  /** Loads {@link Receipt} on first use: a class that is not loaded until a request needs it. */
  @GetMapping("/receipt")
  public String receipt(@RequestParam String sku, @RequestParam int quantity) {
    return new Receipt(find(sku), quantity).text();
  }

  /** Called by no test: it names NumberUtils (not loaded until called) and Spring's HttpStatus in the class. */
  @GetMapping("/parse")
  public ResponseEntity<String> parse(@RequestParam String text) {
    int value = NumberUtils.toInt(text, -1);
    return value < 0 ? ResponseEntity.status(HttpStatus.BAD_REQUEST).body("not a number") : ResponseEntity.ok(String.valueOf(value));
  }

  /** The embedded server's version: a Tomcat class in the controller's constant pool. */
  @GetMapping("/server")
  public String server() {
    return ServerInfo.getServerInfo();
  }

  private static Product find(String sku) {
    return CATALOG.stream().filter(product -> product.sku().equals(sku)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no product " + sku));
  }
}
