package org.boxoffice.inventory.baseline;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * True when boxoffice.inventory.strategy is anything but {@code live}: a seed baseline replaces the live inventory
 * (and a misspelt name fails the start with the list of valid ones, rather than leaving no inventory at all).
 */
public class SeedBaselineSelected implements Condition {
    public static final String PROPERTY = "boxoffice.inventory.strategy";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return !"live".equals(context.getEnvironment().getProperty(PROPERTY, "live").strip());
    }
}
