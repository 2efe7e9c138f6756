package dev.stockroom.localcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.github.benmanes.caffeine.cache.Cache;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Builds every configuration that {@link LocalCaches} offers and checks that the classes Caffeine loads by
 * name for it (the cache and its node) are the ones registered for the native image.
 */
class LocalCachesTest {

    @Test
    void theClassesCaffeineLoadsByNameAreRegistered() throws Exception {
        Set<String> loaded = new TreeSet<>();
        int configurations = 0;
        for (Method factory : LocalCaches.class.getDeclaredMethods()) {
            if (Modifier.isPublic(factory.getModifiers()) && Cache.class.equals(factory.getReturnType())) {
                Cache<String, String> cache = build(factory);
                cache.put("key", "value");
                loaded.add(cache.asMap().getClass().getName());
                loaded.add(nodeClassOf(cache.asMap()));
                configurations++;
            }
        }
        assertTrue(configurations >= 2, "found " + configurations + " configurations");
        Set<String> registered = new TreeSet<>(Set.of(LocalCaches.class.getAnnotation(RegisterForReflection.class)
                .classNames()));
        assertEquals(loaded, registered, "classes Caffeine loads by name versus those registered on LocalCaches");
    }

    @SuppressWarnings("unchecked")
    private static Cache<String, String> build(Method factory) throws Exception {
        Class<?>[] parameters = factory.getParameterTypes();
        Object[] arguments = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            arguments[i] = parameters[i] == long.class ? (Object) 10L
                    : parameters[i] == Duration.class ? Duration.ofMinutes(1)
                    : null;
        }
        return (Cache<String, String>) factory.invoke(null, arguments);
    }

    /** The node class of the map's one entry: Caffeine keeps its entries in a field {@code data}. */
    private static String nodeClassOf(Map<String, String> boundedCache) throws Exception {
        Class<?> type = boundedCache.getClass();
        while (type != null) {
            try {
                Field data = type.getDeclaredField("data");
                data.setAccessible(true);
                Map<?, ?> nodes = (Map<?, ?>) data.get(boundedCache);
                return nodes.values().iterator().next().getClass().getName();
            } catch (NoSuchFieldException notHere) {
                type = type.getSuperclass();
            }
        }
        throw new IllegalStateException("no node map in " + boundedCache.getClass());
    }
}
