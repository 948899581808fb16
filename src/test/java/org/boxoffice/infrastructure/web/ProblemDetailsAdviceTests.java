package org.boxoffice.infrastructure.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.boxoffice.shared.ApiProblem;
import org.boxoffice.shared.Refusal;
import org.boxoffice.shared.Refused;
import org.boxoffice.shared.Unavailable;
import org.junit.jupiter.api.Test;
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

/**
 * A database that fails under a request (restarting, overloaded, its connection gone) is a 503 to retry, not a 500;
 * a module's refusal reaches the client as its module's table of problem types says.
 */
class ProblemDetailsAdviceTests {
    private static final Map<String, Supplier<RuntimeException>> FAILURES = Map.of(
            "rollback-failed", () -> new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed")),
            "no-transaction", () -> new CannotCreateTransactionException("Could not open JDBC connection"),
            "no-connection", () -> new CannotGetJdbcConnectionException("Failed to obtain JDBC connection"),
            "resource-failure", () -> new DataAccessResourceFailureException("connection reset"),
            "redis-away", () -> new Unavailable("Booking is briefly unavailable", 2),
            "refused", () -> new Refused(new SeatGone(42)));

    /** A module's refusal, and below the one table that says how clients see it. */
    record SeatGone(long seatId) implements Refusal {
        public String reason() {
            return "seat-gone";
        }
    }

    static class SeatProblems implements ProblemTypes<SeatGone> {
        public Class<SeatGone> refusals() {
            return SeatGone.class;
        }

        public ApiProblem problem(SeatGone refusal) {
            return new ApiProblem(409, "seat-gone", "Seat gone", "Seat " + refusal.seatId() + " is taken",
                    Map.of("seatId", String.valueOf(refusal.seatId())));
        }
    }

    @RestController
    static class FailingController {
        @GetMapping("/fail/{kind}")
        String fail(@PathVariable String kind) {
            throw FAILURES.get(kind).get();
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new FailingController())
            .setControllerAdvice(new ProblemDetailsAdvice(JsonMapper.builder().build(), new Problems(List.of(new SeatProblems())))).build();

    @ParameterizedTest
    @ValueSource(strings = {"rollback-failed", "no-transaction", "no-connection", "resource-failure", "redis-away"})
    void answersADatabaseFailureWithServiceUnavailableAndRetryAfter(String kind) throws Exception {
        mvc.perform(get("/fail/" + kind))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "2"))
                .andExpect(jsonPath("$.type").value("https://boxoffice.dev/problems/service-unavailable"));
    }

    @Test
    void answersARefusalWithTheProblemItsModuleTableDefines() throws Exception {
        mvc.perform(get("/fail/refused"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://boxoffice.dev/problems/seat-gone"))
                .andExpect(jsonPath("$.detail").value("Seat 42 is taken"))
                .andExpect(jsonPath("$.seatId").value("42"));
    }
}
