package org.ringfs.api;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The table of the meta wire, read once from {@link MetaService}: a {@link MetaCall} for every
 * method, named by its {@link RpcMethod} and shaped by {@link WireTypes}. The client's proxy and
 * meta's dispatcher both work from it, so a call is added by declaring it in MetaService and
 * implementing it in meta. Only the calls listed here can ever run on meta.
 */
public final class MetaCalls {
    private MetaCalls() {}

    private static final Map<String, MetaCall> BY_NAME;
    private static final Map<Method, MetaCall> BY_METHOD;

    static {
        Map<String, MetaCall> byName = new TreeMap<>();
        Map<Method, MetaCall> byMethod = new HashMap<>();
        for (Method m : MetaService.class.getMethods()) {
            if (m.getDeclaringClass() != MetaService.class || Modifier.isStatic(m.getModifiers())) continue;
            MetaCall call = rowOf(m);
            if (byName.put(call.name(), call) != null) {
                throw new IllegalStateException("two MetaService methods are called " + call.name());
            }
            byMethod.put(m, call);
        }
        BY_NAME = Collections.unmodifiableMap(byName);
        BY_METHOD = Collections.unmodifiableMap(byMethod);
    }

    private static MetaCall rowOf(Method m) {
        RpcMethod rpc = m.getAnnotation(RpcMethod.class);
        if (rpc == null) throw new IllegalStateException("MetaService." + m.getName() + " has no @RpcMethod name");
        List<WireCodec> arguments = new ArrayList<>();
        for (int i = 0; i < m.getParameterCount(); i++) {
            boolean nullable = m.getParameters()[i].isAnnotationPresent(Nullable.class);
            arguments.add(codec(m, m.getGenericParameterTypes()[i], nullable));
        }
        return new MetaCall(rpc.value(), m, rpc.mutation(), arguments, codec(m, m.getGenericReturnType(), false));
    }

    private static WireCodec codec(Method m, java.lang.reflect.Type type, boolean nullable) {
        try {
            return WireTypes.of(type, nullable);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("MetaService." + m.getName() + ": " + e.getMessage(), e);
        }
    }

    /** Every call, by name. */
    public static Collection<MetaCall> all() { return BY_NAME.values(); }

    /** The call of an XML-RPC method name, or null when meta has none of that name. */
    public static MetaCall named(String name) { return name == null ? null : BY_NAME.get(name); }

    /** The call of a MetaService method. */
    public static MetaCall of(Method method) {
        MetaCall call = BY_METHOD.get(method);
        if (call == null) throw new IllegalArgumentException(method + " is not a MetaService call");
        return call;
    }
}
