package dev.graft.it;

/** {@link SpringShopTests} with the shop on JDK 25. */
class SpringShopJdk25Test extends SpringShopTests {
  @Override
  int jdk() {
    return 25;
  }
}
