package io.omniprep.options;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an option whose value is a path or a comma-separated list of paths. The CLI makes local
 * relative paths absolute before a job starts, so that workers whose working directory differs
 * (a Flink TaskManager, say) see the same files.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PathOption {}
