package io.autoresponder.compat;

import java.lang.reflect.Field;

/**
 * One non-public field of a dependency, looked up once. When it is gone or has another type (the dependency
 * changed), {@link #check()} says so with the dependency's name and version and what we need the field for.
 */
final class InternalField {

    private final Dependency dependency;
    private final String className;
    private final String fieldName;
    private final String purpose;
    private final Field field;
    private final String problem;

    private InternalField(Dependency dependency, String className, String fieldName, Class<?> type, String purpose) {
        this.dependency = dependency;
        this.className = className;
        this.fieldName = fieldName;
        this.purpose = purpose;
        Field found = null;
        String why = null;
        try {
            found = Class.forName(className, false, dependency.anchor().getClassLoader()).getDeclaredField(fieldName);
            if (!type.isAssignableFrom(found.getType())) {
                why = "has type " + found.getType().getName() + ", not " + type.getName();
                found = null;
            } else {
                found.setAccessible(true);
            }
        } catch (ClassNotFoundException e) {
            why = "class not found";
        } catch (NoSuchFieldException e) {
            why = "field not found";
        } catch (RuntimeException e) { // InaccessibleObjectException, SecurityException
            why = "not accessible: " + e;
        }
        this.field = found;
        this.problem = why;
    }

    /**
     * Field {@code fieldName} of {@code className} in {@code dependency}, expected to hold a {@code type}.
     *
     * @param purpose what we read it for, completing "needed to ..."
     */
    static InternalField of(Dependency dependency, String className, String fieldName, Class<?> type,
            String purpose) {
        return new InternalField(dependency, className, fieldName, type, purpose);
    }

    /** Whether the field was found with the expected type. */
    boolean present() {
        return field != null;
    }

    /** The field's value in {@code target} ({@code null} for a static field). */
    Object get(Object target) {
        check();
        try {
            return field.get(target);
        } catch (IllegalAccessException e) {
            throw (IllegalStateException) failure().initCause(e);
        }
    }

    /** Throws {@link IllegalStateException} naming the dependency and version when the field is not usable. */
    void check() {
        if (field == null) {
            throw failure();
        }
    }

    private IllegalStateException failure() {
        return dependency.unsupported("field " + className + "." + fieldName, problem, purpose);
    }
}
