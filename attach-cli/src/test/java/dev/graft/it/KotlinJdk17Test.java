package dev.graft.it;

/** {@link KotlinTests} with the Kotlin program on JDK 17. */
class KotlinJdk17Test extends KotlinTests {
  @Override
  int jdk() {
    return 17;
  }
}
