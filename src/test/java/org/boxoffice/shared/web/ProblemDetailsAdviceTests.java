package org.boxoffice.shared.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.SQLException;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** A database that fails under a request (restarting, overloaded, its connection gone) is a 503 to retry, not a 500. */
class ProblemDetailsAdviceTests {
    private static final Map<String, Supplier<RuntimeException>> FAILURES = Map.of(
            "rollback-failed", () -> new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed")),
            "no-transaction", () -> new CannotCreateTransactionException("Could not open JDBC connection"),
            "no-connection", () -> new CannotGetJdbcConnectionException("Failed to obtain JDBC connection"),
            "resource-failure", () -> new DataAccessResourceFailureException("connection reset"));

    @RestController
    static class FailingController {
        @GetMapping("/fail/{kind}")
        String fail(@PathVariable String kind) {
            throw FAILURES.get(kind).get();
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new FailingController())
            .setControllerAdvice(new ProblemDetailsAdvice(JsonMapper.builder().build())).build();

    @ParameterizedTest
    @ValueSource(strings = {"rollback-failed", "no-transaction", "no-connection", "resource-failure"})
    void answersADatabaseFailureWithServiceUnavailableAndRetryAfter(String kind) throws Exception {
        mvc.perform(get("/fail/" + kind))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "2"))
                .andExpect(jsonPath("$.type").value("https://boxoffice.dev/problems/service-unavailable"));
    }
}
