package dev.graft.it;

/** {@link SpringShopTests} with the shop on JDK 17. */
class SpringShopJdk17Test extends SpringShopTests {
  @Override
  int jdk() {
    return 17;
  }
}
