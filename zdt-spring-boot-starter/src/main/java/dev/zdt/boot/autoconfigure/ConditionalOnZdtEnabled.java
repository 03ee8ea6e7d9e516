package dev.zdt.boot.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.zdt.boot.internal.BooleanProperties;
import org.springframework.context.annotation.Conditional;

/**
 * Matches unless {@code zdt.enabled} is {@code false}. Fails startup when
 * {@code zdt.enabled} or another boolean property of the starter is not a boolean (see
 * {@link BooleanProperties}), whether zdt is on or off.
 *
 * @since 0.1.0
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnZdtEnabledCondition.class)
public @interface ConditionalOnZdtEnabled {

}
