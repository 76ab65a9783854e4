package dev.graft.it;

/** {@link JsonSchemaTests} with the target on JDK 25. */
class JsonSchemaJdk25Test extends JsonSchemaTests {
  @Override
  int jdk() {
    return 25;
  }
}
