package org.ringfs.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a {@link MetaService} method a call of the meta wire, under its XML-RPC method name.
 * {@link MetaCalls} builds the call table from these: the client sends, and meta serves, exactly
 * the annotated methods. The name is the wire's and never changes with the Java name.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RpcMethod {
    /** The XML-RPC method name, {@code ringfs.} and the operation. */
    String value();

    /**
     * The call changes meta's store: the client names each call ({@link MetaMethods#CALL_HEADER}) and
     * meta keeps its reply, written with the mutation, to answer a retry instead of running it twice.
     */
    boolean mutation() default false;
}
