package com.userautomations.common;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Strict query parameters under /api/v1 (API.md 1.1): a parameter the matched resource method
 * does not declare with {@code @QueryParam}, or one given twice, is a 422 at its name. The
 * allowed names come from the method itself, so every endpoint, present or future, is strict
 * without a list to keep. Values are checked where they are used (limits, ids), never clamped.
 */
public class QueryParams {
    private static final Map<Method, Set<String>> DECLARED = new ConcurrentHashMap<>();

    /** After authentication: an unknown caller hears 401 before anything about its parameters. */
    @ServerRequestFilter(priority = Priorities.USER + 100)
    public void check(ContainerRequestContext request, SimpleResourceInfo resource) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/v1") && !path.startsWith("api/v1")) {
            return;
        }
        MultivaluedMap<String, String> params = request.getUriInfo().getQueryParameters();
        if (params.isEmpty()) {
            return;
        }
        Set<String> allowed = declared(resource);
        List<FieldError> errors = new ArrayList<>();
        for (var e : params.entrySet()) {
            String name = e.getKey();
            if (!allowed.contains(name)) {
                errors.add(new FieldError(name, allowed.isEmpty() ? "is not a query parameter of this endpoint (it takes none)"
                        : "is not a query parameter of this endpoint; it takes " + String.join(", ", new TreeSet<>(allowed))));
            } else if (e.getValue().size() > 1) {
                errors.add(new FieldError(name, "must be given once"));
            } else if (TextRules.hasControl(e.getValue().get(0)) || TextRules.hasLoneSurrogate(e.getValue().get(0))) {
                errors.add(new FieldError(name, "must not contain control characters"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    private static Set<String> declared(SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null) {
            return Set.of();
        }
        Method method = find(resource);
        if (method == null) {
            return Set.of();
        }
        return DECLARED.computeIfAbsent(method, m -> {
            Set<String> names = new HashSet<>();
            for (Annotation[] annotations : m.getParameterAnnotations()) {
                for (Annotation a : annotations) {
                    if (a instanceof QueryParam q) {
                        names.add(q.value());
                    }
                }
            }
            return Set.copyOf(names);
        });
    }

    private static Method find(SimpleResourceInfo resource) {
        for (Method m : resource.getResourceClass().getMethods()) {
            if (m.getName().equals(resource.getMethodName())
                    && java.util.Arrays.equals(m.getParameterTypes(), resource.parameterTypes())) {
                return m;
            }
        }
        return null;
    }
}
