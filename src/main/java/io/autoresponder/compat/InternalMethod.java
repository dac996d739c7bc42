package io.autoresponder.compat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * One non-public method of a dependency, looked up once. When it is gone (the dependency changed),
 * {@link #check()} says so with the dependency's name and version and what we need the method for.
 */
final class InternalMethod {

    private final Dependency dependency;
    private final String description;
    private final String purpose;
    private final Method method;
    private final String problem;

    private InternalMethod(Dependency dependency, String className, String methodName, Class<?>[] parameters,
            String purpose) {
        this.dependency = dependency;
        this.description = "method " + className + "." + methodName
                + Arrays.stream(parameters).map(Class::getSimpleName).toList().toString().replace('[', '(').replace(']', ')');
        this.purpose = purpose;
        Method found = null;
        String why = null;
        try {
            found = Class.forName(className, false, dependency.anchor().getClassLoader())
                    .getDeclaredMethod(methodName, parameters);
            found.setAccessible(true);
        } catch (ClassNotFoundException e) {
            why = "class not found";
        } catch (NoSuchMethodException e) {
            why = "method not found";
        } catch (RuntimeException e) { // InaccessibleObjectException, SecurityException
            why = "not accessible: " + e;
        }
        this.method = found;
        this.problem = why;
    }

    /**
     * Method {@code methodName} of {@code className} in {@code dependency} taking {@code parameters}.
     *
     * @param purpose what we call it for, completing "needed to ..."
     */
    static InternalMethod of(Dependency dependency, String className, String methodName, String purpose,
            Class<?>... parameters) {
        return new InternalMethod(dependency, className, methodName, parameters, purpose);
    }

    /** Calls the method on {@code target}; what the method throws is thrown unchanged. */
    Object invoke(Object target, Object... arguments) {
        check();
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw (IllegalStateException) failure().initCause(e);
        }
    }

    /** Throws {@link IllegalStateException} naming the dependency and version when the method is not usable. */
    void check() {
        if (method == null) {
            throw failure();
        }
    }

    private IllegalStateException failure() {
        return dependency.unsupported(description, problem, purpose);
    }
}
