package dev.graft.it;

/** {@link JsonSchemaTests} with the target on JDK 17. */
class JsonSchemaJdk17Test extends JsonSchemaTests {
  @Override
  int jdk() {
    return 17;
  }
}
