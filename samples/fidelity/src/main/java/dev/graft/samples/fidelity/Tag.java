package dev.graft.samples.fidelity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A runtime annotation with defaults (AnnotationDefault), usable on declarations and on types (TYPE_USE). */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT,
    ElementType.TYPE_USE})
public @interface Tag {
  String value() default "plain";

  int weight() default 3;

  Class<?> kind() default Object.class;
}
