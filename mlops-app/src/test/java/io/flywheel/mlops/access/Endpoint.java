package io.flywheel.mlops.access;

import io.quarkus.arc.Arc;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An endpoint of the running app as its JAX-RS metadata declares it: HTTP method, path template, what it consumes and
 * the roles it allows. {@link #discover()} finds every resource method of every resource bean, so an endpoint added
 * later is walked without anyone listing it.
 *
 * @param method    GET, POST, ...
 * @param template  the path with its {@code {parameters}}
 * @param consumes  the media type of the body it reads, or {@code null}
 * @param roles     the roles of {@code @RolesAllowed} (method over class); empty when {@link #open()} or undeclared
 * @param open      whether it is {@code @PermitAll}
 * @param source    {@code Class#method}, for messages
 * @param example   a concrete path to call, with a value of the right type in each parameter
 */
record Endpoint(String method, String template, String consumes, Set<String> roles, boolean open, String source,
                String example) {

    boolean declared() {
        return open || !roles.isEmpty();
    }

    /** Every resource method of the application, sorted by path and method. */
    static List<Endpoint> discover() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            if (type.isAnnotationPresent(Path.class)) {
                endpoints.addAll(of(type));
            }
        }
        endpoints.sort(Comparator.comparing(Endpoint::template).thenComparing(Endpoint::method));
        return endpoints;
    }

    private static List<Endpoint> of(Class<?> resource) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Method method : resource.getMethods()) {
            String verb = httpMethod(method);
            if (verb == null) {
                continue;
            }
            String template = join(resource.getAnnotation(Path.class).value(),
                    method.isAnnotationPresent(Path.class) ? method.getAnnotation(Path.class).value() : "");
            endpoints.add(new Endpoint(verb, template, consumes(resource, method), roles(resource, method),
                    open(resource, method), resource.getSimpleName() + "#" + method.getName(), example(template, method)));
        }
        return endpoints;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static Set<String> roles(Class<?> resource, Method method) {
        if (method.isAnnotationPresent(RolesAllowed.class)) {
            return Set.of(method.getAnnotation(RolesAllowed.class).value());
        }
        if (method.isAnnotationPresent(PermitAll.class) || method.isAnnotationPresent(DenyAll.class)) {
            return Set.of();
        }
        return resource.isAnnotationPresent(RolesAllowed.class)
                ? Set.of(resource.getAnnotation(RolesAllowed.class).value()) : Set.of();
    }

    private static boolean open(Class<?> resource, Method method) {
        if (method.isAnnotationPresent(PermitAll.class)) {
            return true;
        }
        return !method.isAnnotationPresent(RolesAllowed.class) && !method.isAnnotationPresent(DenyAll.class)
                && resource.isAnnotationPresent(PermitAll.class);
    }

    private static String consumes(Class<?> resource, Method method) {
        Consumes consumes = method.isAnnotationPresent(Consumes.class) ? method.getAnnotation(Consumes.class)
                : resource.getAnnotation(Consumes.class);
        return consumes == null ? null : consumes.value()[0];
    }

    private static String join(String base, String sub) {
        String path = "/" + base.replaceAll("^/+|/+$", "") + (sub.isEmpty() ? "" : "/" + sub.replaceAll("^/+", ""));
        return path.replaceAll("/+$", "").isEmpty() ? "/" : path.replaceAll("/+$", "");
    }

    /** The template with each parameter replaced by a value of its Java type (a fresh UUID, 1, or a plain name). */
    private static String example(String template, Method method) {
        String path = template;
        Set<String> seen = new LinkedHashSet<>();
        for (Parameter parameter : method.getParameters()) {
            PathParam name = parameter.getAnnotation(PathParam.class);
            if (name == null || !seen.add(name.value())) {
                continue;
            }
            Class<?> type = parameter.getType();
            String value = type == UUID.class ? UUID.randomUUID().toString()
                    : type == int.class || type == long.class || type == Integer.class || type == Long.class ? "1"
                    : "walk-" + name.value();
            path = path.replaceAll("\\{" + name.value() + "(:[^}]*)?}", value);
        }
        return path.replaceAll("\\{[^}]+}", "walk");
    }
}
