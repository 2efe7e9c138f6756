package dev.stockroom.cache;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;

/**
 * The {@code @TenantCached} methods of the application's beans, by cache. Invalidating one entry means
 * repeating the cached method's arguments, which a typo could turn into a silent no-op; so an invalidation of
 * a cache that no method declares, or with arguments that fit none of its methods, fails loudly, and so does
 * the start when configuration names a cache that no method declares (hence {@code @Startup}: built at
 * start, not at the first write).
 */
@Startup
@ApplicationScoped
class CachedMethods {

    private final Map<String, List<Method>> byCache = new HashMap<>();
    private final Set<String> tags = new HashSet<>();

    @Inject
    CachedMethods(BeanManager beans, CacheConfig config) {
        this(beans.getBeans(Object.class, Any.Literal.INSTANCE).stream().<Class<?>> map(Bean::getBeanClass)
                .filter(type -> type.getName().startsWith("dev.stockroom.")).distinct().toList(),
                config.caches().keySet());
    }

    CachedMethods(Collection<Class<?>> beanClasses, Set<String> configuredCaches) {
        for (Class<?> beanClass : beanClasses) {
            for (Method method : beanClass.getDeclaredMethods()) {
                TenantCached cached = method.getAnnotation(TenantCached.class);
                if (cached != null) {
                    byCache.computeIfAbsent(cached.cache(), name -> new ArrayList<>()).add(method);
                    tags.addAll(List.of(cached.tags()));
                }
            }
        }
        List<String> unknown = configuredCaches.stream().filter(name -> !byCache.containsKey(name)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("stockroom.cache.caches names caches that no @TenantCached method declares: "
                    + unknown + " (declared: " + byCache.keySet() + ")");
        }
    }

    boolean declaresCache(String cache) {
        return byCache.containsKey(cache);
    }

    boolean declaresTag(String tag) {
        return tags.contains(tag);
    }

    /** Fails unless a tenant-scoped method of {@code cache} takes exactly these arguments. */
    void requireEntry(String cache, Object[] arguments) {
        List<Method> methods = byCache.get(cache);
        if (methods == null) {
            throw new IllegalArgumentException("No @TenantCached method declares cache '" + cache + "'");
        }
        boolean fits = methods.stream().anyMatch(method -> tenantScoped(method) && accepts(method, arguments));
        if (!fits) {
            throw new IllegalArgumentException("Invalidating cache '" + cache + "' with arguments "
                    + Stream.of(arguments).map(a -> a == null ? "null" : a.getClass().getSimpleName()).toList()
                    + " matches no entry: its methods are " + methods.stream().map(CachedMethods::signature)
                            .collect(Collectors.joining(", ")) + " (caller-scoped caches are purged by caller)");
        }
    }

    private static boolean tenantScoped(Method method) {
        return method.getAnnotation(TenantCached.class).scope() == TenantCached.Scope.TENANT;
    }

    private static boolean accepts(Method method, Object[] arguments) {
        Class<?>[] parameters = method.getParameterTypes();
        if (parameters.length != arguments.length) {
            return false;
        }
        for (int i = 0; i < parameters.length; i++) {
            if (arguments[i] != null && !boxed(parameters[i]).isInstance(arguments[i])) {
                return false;
            }
            if (arguments[i] == null && parameters[i].isPrimitive()) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "boolean" -> Boolean.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            default -> Character.class;
        };
    }

    private static String signature(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName() + Stream.of(method.getParameterTypes())
                .map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
    }
}
