package org.boxoffice.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import org.boxoffice.support.BookingRace;
import org.boxoffice.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** 200 concurrent buyers, 20 seats, embedded mode (H2 on disk, in-process inventory). */
class BookingRaceTests extends IntegrationTest {
    @Autowired
    JdbcClient jdbc;

    @Test
    void sellsEverySeatAtMostOnceAndKeepsMoneyBalancedUnderARace() throws Exception {
        long confirmed = new BookingRace(api, fixtures, jdbc, PAYMENT_CALLS).run(200, 20);

        assertThat(confirmed).isPositive();
    }
}
