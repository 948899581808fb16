package org.boxoffice.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only when PostgreSQL answers, decided before any Spring context is built. Without the server the
 * class is skipped on a laptop; in CI the condition itself fails, so the build fails.
 */
public final class PostgresAvailable implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        try (Connection connection = DriverManager.getConnection(PostgresIntegrationTest.URL, PostgresIntegrationTest.USER, "")) {
            connection.isValid(2);
            return ConditionEvaluationResult.enabled("PostgreSQL answers at " + PostgresIntegrationTest.URL);
        } catch (SQLException e) {
            if (Servers.ci()) {
                throw new IllegalStateException("CI=true but PostgreSQL is not reachable at " + PostgresIntegrationTest.URL
                        + ": " + e.getMessage(), e);
            }
            return ConditionEvaluationResult.disabled("PostgreSQL not reachable at " + PostgresIntegrationTest.URL + "; skipped outside CI");
        }
    }
}
