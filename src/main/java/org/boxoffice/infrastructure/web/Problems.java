package org.boxoffice.infrastructure.web;

import java.util.List;
import org.boxoffice.shared.ApiProblem;
import org.boxoffice.shared.Refusal;
import org.springframework.stereotype.Component;

/** Turns any module's refusal into its problem detail, through the one table of problem types that module keeps. */
@Component
public class Problems {
    private final ClassValue<ProblemTypes<?>> tableOf;

    Problems(List<ProblemTypes<?>> tables) {
        this.tableOf = new ClassValue<>() {
            @Override
            protected ProblemTypes<?> computeValue(Class<?> type) {
                return tables.stream().filter(table -> table.refusals().isAssignableFrom(type)).findFirst()
                        .orElseThrow(() -> new IllegalStateException("No problem types for " + type.getName()));
            }
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public ApiProblem of(Refusal refusal) {
        return ((ProblemTypes) tableOf.get(refusal.getClass())).problem(refusal);
    }
}
