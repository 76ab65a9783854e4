package dev.graft.it;

/** {@link KotlinTests} with the Kotlin program on JDK 25. */
class KotlinJdk25Test extends KotlinTests {
  @Override
  int jdk() {
    return 25;
  }
}
