package dev.stockroom.security;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same matrix against the packaged application in the production profile (the jar, or the native binary). */
@QuarkusIntegrationTest
class RoleMatrixIT extends RoleMatrixTest {
}
