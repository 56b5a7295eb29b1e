package org.ringfs.meta.server;

import org.ringfs.api.ErrorCode;
import org.ringfs.api.MetaService;
import org.ringfs.api.RingFsException;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The one place that decides whether this meta carries out a call: only a master that has taken
 * over (raised the term, built its state afresh) serves; any other member answers every call
 * NOT_MASTER naming the master's call address, except {@code metaMembers} and {@code storeDigest},
 * which any member answers. A call that fails because this member stopped being master mid-call
 * also answers NOT_MASTER; one that failed for lack of a majority answers UNAVAILABLE (the store
 * says so), never success. A single meta always serves.
 */
final class MasterGate implements InvocationHandler {
    /** What a serving master runs: its service and its term. */
    record Serving(LocalMetaService service, long term) {}

    private final MetaGroup group;
    private volatile Serving serving;
    private final MetaService proxy;

    MasterGate(MetaGroup group) {
        this.group = group;
        this.proxy = (MetaService) Proxy.newProxyInstance(MetaService.class.getClassLoader(),
                new Class<?>[] {MetaService.class}, this);
    }

    /** The service in front of which the gate stands: what the dispatcher and in-process callers call. */
    MetaService service() { return proxy; }

    void serve(Serving s) { this.serving = s; }

    /** Stops serving; returns whether it served. */
    boolean stop() {
        Serving s = serving;
        serving = null;
        return s != null;
    }

    /** What this member serves now; null when it is not a master that has taken over. */
    Serving serving() { return serving; }

    /** Lets a call on only when this member serves (the retry guard asks before it looks up a kept reply). */
    void admit() throws RingFsException {
        if (serving == null) throw group.notMaster();
    }

    @Override
    public Object invoke(Object p, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> p == args[0];
                case "hashCode" -> System.identityHashCode(p);
                default -> "MasterGate[" + group.nodeName() + "]";
            };
        }
        Serving s = serving;
        switch (method.getName()) {
            case "metaMembers":
                return group.members(s == null ? -1 : s.term());
            case "storeDigest":
                return group.digest();
            default:
                break;
        }
        if (s == null) throw group.notMaster();
        try {
            return method.invoke(s.service(), args == null ? new Object[0] : args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RingFsException f && f.code() == ErrorCode.NOT_MASTER) throw group.notMaster();
            throw cause;
        }
    }
}
