package org.boxoffice.shared;

/** Each refusal type's reason, worked out once: refusals are the hot path's usual answer. */
final class RefusalReasons {
    private static final ClassValue<String> REASONS = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return type.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
        }
    };

    private RefusalReasons() {
    }

    static String of(Class<?> type) {
        return REASONS.get(type);
    }
}
