package org.ringfs.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@link MetaService} argument that may be null. On the wire a null string is nil and a null
 * struct is an empty struct ({@link WireTypes}); every other argument must be present, and meta
 * refuses a call that lacks one (BAD_REQUEST).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Nullable {
}
