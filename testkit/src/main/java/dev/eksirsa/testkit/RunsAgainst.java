package dev.eksirsa.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Declares which backends a test class or method drives. Before each test the real clients those backends need are
 * checked (missing: fail under {@code EKS_IRSA_REQUIRE_CLIENTS=1}, else skip); after each test that passed or failed
 * one line per backend is appended to the backend log. A method's annotation replaces its class's. Tests that pick
 * their backend at run time (one test body for the sandbox and moto) add it with {@link BackendLog#ranAgainst}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
@ExtendWith(BackendLog.class)
public @interface RunsAgainst {
    Backend[] value() default {};
}
