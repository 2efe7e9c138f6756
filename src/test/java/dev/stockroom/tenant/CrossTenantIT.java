package dev.stockroom.tenant;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks against the packaged application (the jar, or the native binary with -Dnative). */
@QuarkusIntegrationTest
class CrossTenantIT extends CrossTenantTest {
}
