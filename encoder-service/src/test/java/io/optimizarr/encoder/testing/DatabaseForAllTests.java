package io.optimizarr.encoder.testing;

import io.quarkus.test.common.QuarkusTestResource;

/** Every {@code @QuarkusTest} of this module runs against {@link TestDatabase}. */
@QuarkusTestResource(TestDatabase.class)
public final class DatabaseForAllTests {
  private DatabaseForAllTests() {}
}
