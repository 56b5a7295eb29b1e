package org.ringfs.api;

import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

/**
 * One call of the meta wire: its XML-RPC name, the {@link MetaService} method it runs, whether it
 * mutates, and the codecs of its arguments and reply. The client encodes arguments and decodes the
 * reply with it; meta decodes arguments, invokes its service and encodes the reply with the same
 * row, so the two sides cannot disagree on a shape.
 */
public final class MetaCall {
    private final String name;
    private final Method method;
    private final boolean mutation;
    private final List<WireCodec> arguments;
    private final WireCodec reply;

    MetaCall(String name, Method method, boolean mutation, List<WireCodec> arguments, WireCodec reply) {
        this.name = name;
        this.method = method;
        this.mutation = mutation;
        this.arguments = List.copyOf(arguments);
        this.reply = reply;
    }

    /** The XML-RPC method name. */
    public String name() { return name; }

    public Method method() { return method; }

    /** See {@link RpcMethod#mutation()}. */
    public boolean mutation() { return mutation; }

    public int arity() { return arguments.size(); }

    /** The XML-RPC values of a Java call's arguments ({@code args} null when the method takes none). */
    public Object[] encodeArguments(Object[] args) {
        if (args == null) args = new Object[0];
        Object[] wire = new Object[arguments.size()];
        for (int i = 0; i < wire.length; i++) wire[i] = arguments.get(i).encode(args[i]);
        return wire;
    }

    /** The Java arguments a request carried: BAD_REQUEST for a wrong count or a value of the wrong shape. */
    public Object[] decodeArguments(Object[] wire) throws RingFsException {
        if (wire.length != arguments.size()) {
            throw new RingFsException(ErrorCode.BAD_REQUEST, name + " takes " + arguments.size() + " arguments, got "
                    + wire.length);
        }
        Object[] args = new Object[wire.length];
        for (int i = 0; i < args.length; i++) args[i] = arguments.get(i).decode(wire[i]);
        return args;
    }

    public Object encodeReply(Object result) { return reply.encode(result); }

    /**
     * Whether {@code result} can stand for this call's reply: a value of its return type (boxed),
     * or anything for a call that returns nothing (its reply is always {@code true}).
     */
    public boolean isReply(Object result) {
        Class<?> type = method.getReturnType();
        if (type == void.class) return true;
        return MethodType.methodType(type).wrap().returnType().isInstance(result);
    }

    public Object decodeReply(Object wire) throws RingFsException { return reply.decode(wire); }

    /**
     * Runs the call on {@code service} with decoded arguments. What the method throws comes out as
     * it was thrown: a RingFsException, or a RuntimeException or Error from a bug.
     */
    public Object invoke(MetaService service, Object[] args) throws RingFsException {
        try {
            return method.invoke(service, args);
        } catch (InvocationTargetException e) {
            Throwable thrown = e.getCause();
            if (thrown instanceof RingFsException r) throw r;
            if (thrown instanceof RuntimeException r) throw r;
            if (thrown instanceof Error r) throw r;
            throw new IllegalStateException(name + " threw an undeclared " + thrown, thrown);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(name + " cannot be invoked on " + service.getClass().getName(), e);
        }
    }

    @Override
    public String toString() { return name; }
}
