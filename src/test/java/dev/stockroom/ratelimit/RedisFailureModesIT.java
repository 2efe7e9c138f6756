package dev.stockroom.ratelimit;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks against the packaged application (the jar, or the native executable with -Dnative). */
@QuarkusIntegrationTest
class RedisFailureModesIT extends RedisFailureModesTest {
}
