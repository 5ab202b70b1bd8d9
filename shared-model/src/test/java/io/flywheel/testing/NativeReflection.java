package io.flywheel.testing;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Keeps native-profiles/*&#47;reflect-config.json honest: which classes Jackson reaches from a root type it reads or
 * writes outside a REST endpoint (record components, sealed and {@code @JsonSubTypes} subtypes, fields), and which
 * classes a GraalVM reflection configuration registers. Quarkus registers REST payloads itself; these others would
 * fail only in a native executable, which cannot be built here, so a test compares the two sets on the JVM.
 */
public final class NativeReflection {

    private NativeReflection() {
    }

    /** Every non-JDK class Jackson needs to reflect on to (de)serialize the roots. */
    public static Set<String> reachableFrom(Class<?>... roots) {
        Set<String> reached = new TreeSet<>();
        Deque<Type> pending = new ArrayDeque<>(java.util.List.of(roots));
        while (!pending.isEmpty()) {
            Type type = pending.pop();
            if (type instanceof ParameterizedType parameterized) {
                pending.push(parameterized.getRawType());
                java.util.List.of(parameterized.getActualTypeArguments()).forEach(pending::push);
            } else if (type instanceof WildcardType wildcard) {
                java.util.List.of(wildcard.getUpperBounds()).forEach(pending::push);
            } else if (type instanceof GenericArrayType array) {
                pending.push(array.getGenericComponentType());
            } else if (type instanceof Class<?> type1) {
                Class<?> c = type1.isArray() ? type1.getComponentType() : type1;
                if (c.isArray()) {
                    pending.push(c);
                } else if (!c.isPrimitive() && !c.getName().startsWith("java.") && reached.add(c.getName())) {
                    pending.addAll(dependencies(c));
                }
            }
        }
        return reached;
    }

    /** The class names a GraalVM reflect-config.json registers. */
    public static Set<String> registeredIn(Path reflectConfig) {
        try {
            JsonNode entries = JsonMapper.builder().build().readTree(reflectConfig.toFile());
            Set<String> names = new TreeSet<>();
            entries.forEach(entry -> names.add(entry.path("name").asText()));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + reflectConfig, e);
        }
    }

    /**
     * Fails unless the configuration registers every class reachable from the roots (printing the entries to add)
     * and every class it registers still exists.
     */
    public static void assertComplete(Path reflectConfig, Class<?>... roots) {
        Set<String> registered = registeredIn(reflectConfig);
        Set<String> missing = new TreeSet<>(reachableFrom(roots));
        missing.removeAll(registered);
        if (!missing.isEmpty()) {
            throw new AssertionError("add to " + reflectConfig + ":\n" + entriesFor(missing));
        }
        Set<String> stale = registered.stream().filter(name -> !exists(name)).collect(Collectors.toCollection(TreeSet::new));
        if (!stale.isEmpty()) {
            throw new AssertionError("registered in " + reflectConfig + " but no longer existing: " + stale);
        }
    }

    private static boolean exists(String name) {
        try {
            Class.forName(name, false, NativeReflection.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** The reflect-config.json entries that would register these classes, to paste into the file. */
    public static String entriesFor(Set<String> classes) {
        return classes.stream().map(name -> "  {\"name\": \"" + name + "\", \"allDeclaredConstructors\": true,"
                + " \"allDeclaredMethods\": true, \"allDeclaredFields\": true}").collect(Collectors.joining(",\n"));
    }

    private static java.util.List<Type> dependencies(Class<?> c) {
        java.util.List<Type> next = new java.util.ArrayList<>();
        if (c.isRecord()) {
            for (RecordComponent component : c.getRecordComponents()) {
                next.add(component.getGenericType());
            }
        } else if (!c.isInterface() && !c.isEnum()) {
            for (Field field : c.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && !Modifier.isTransient(field.getModifiers())) {
                    next.add(field.getGenericType());
                }
            }
        }
        if (c.isSealed()) {
            next.addAll(java.util.List.of(c.getPermittedSubclasses()));
        }
        JsonSubTypes subtypes = c.getAnnotation(JsonSubTypes.class);
        if (subtypes != null) {
            for (JsonSubTypes.Type subtype : subtypes.value()) {
                next.add(subtype.value());
            }
        }
        return next;
    }
}
