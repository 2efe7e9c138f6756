package dev.stockroom.architecture;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The service's own classes that Jackson meets when it writes or reads a value of a given type: the type
 * itself, its record components or fields, and their type arguments, transitively. JDK types are left out:
 * Jackson serializes them without reflection on application classes.
 */
final class JsonTypes {

    private JsonTypes() {
    }

    static Set<Class<?>> reachableFrom(Type root) {
        Set<Class<?>> found = new LinkedHashSet<>();
        Deque<Type> pending = new ArrayDeque<>();
        pending.add(root);
        while (!pending.isEmpty()) {
            Type type = pending.pop();
            if (type instanceof ParameterizedType parameterized) {
                pending.add(parameterized.getRawType());
                pending.addAll(List.of(parameterized.getActualTypeArguments()));
            } else if (type instanceof GenericArrayType array) {
                pending.add(array.getGenericComponentType());
            } else if (type instanceof WildcardType wildcard) {
                pending.addAll(List.of(wildcard.getUpperBounds()));
            } else if (type instanceof Class<?> clazz) {
                if (clazz.isArray()) {
                    pending.add(clazz.getComponentType());
                } else if (clazz.getName().startsWith("dev.stockroom.") && found.add(clazz)) {
                    pending.addAll(members(clazz));
                }
            }
        }
        return found;
    }

    private static Set<Type> members(Class<?> clazz) {
        Set<Type> members = new LinkedHashSet<>();
        if (clazz.isRecord()) {
            for (RecordComponent component : clazz.getRecordComponents()) {
                members.add(component.getGenericType());
            }
        } else if (!clazz.isEnum()) {
            for (Field field : clazz.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && !Modifier.isTransient(field.getModifiers())) {
                    members.add(field.getGenericType());
                }
            }
        }
        return members;
    }
}
