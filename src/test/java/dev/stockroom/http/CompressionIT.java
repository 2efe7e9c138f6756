package dev.stockroom.http;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks against the packaged application (the jar, or the native binary with -Dnative). */
@QuarkusIntegrationTest
class CompressionIT extends CompressionTest {
}
