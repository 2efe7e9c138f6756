package dev.stockroom.architecture;

import java.util.HashSet;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The class names that {@code @RegisterForReflection} registers across the service's own classes. */
final class Registrations {

    private Registrations() {
    }

    static Set<String> of(JavaClasses classes) {
        Set<String> registered = new HashSet<>();
        for (JavaClass javaClass : classes) {
            Class<?> clazz = javaClass.reflect();
            RegisterForReflection registration = clazz.getAnnotation(RegisterForReflection.class);
            if (registration == null) {
                continue;
            }
            if (registration.targets().length == 0 && registration.classNames().length == 0) {
                registered.add(clazz.getName());
                if (!registration.ignoreNested()) {
                    addNested(clazz, registered);
                }
            }
            for (Class<?> target : registration.targets()) {
                registered.add(target.getName());
            }
            registered.addAll(Set.of(registration.classNames()));
        }
        return registered;
    }

    private static void addNested(Class<?> clazz, Set<String> registered) {
        for (Class<?> nested : clazz.getDeclaredClasses()) {
            registered.add(nested.getName());
            addNested(nested, registered);
        }
    }

}
