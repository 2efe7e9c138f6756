package dev.stockroom.cache;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class CachedMethodsTest {

    static class Service {
        @TenantCached(cache = "thing")
        public String thing(UUID id, int version) {
            return id + ":" + version;
        }
    }

    @Test
    void configurationOfAnUndeclaredCacheStopsTheStart() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> new CachedMethods(List.of(Service.class), Set.of("thing", "thnig")));
        assertTrue(failure.getMessage().contains("[thnig]"), failure.getMessage());
    }

    @Test
    void argumentsMustFitTheCachedMethod() {
        CachedMethods methods = new CachedMethods(List.of(Service.class), Set.of("thing"));
        assertDoesNotThrow(() -> methods.requireEntry("thing", new Object[] { UUID.randomUUID(), 3 }));
        assertThrows(IllegalArgumentException.class, () -> methods.requireEntry("thing", new Object[] { UUID.randomUUID() }));
        assertThrows(IllegalArgumentException.class, () -> methods.requireEntry("thing", new Object[] { "id", 3 }));
        assertThrows(IllegalArgumentException.class, () -> methods.requireEntry("thing", new Object[] { null, null }));
    }
}
