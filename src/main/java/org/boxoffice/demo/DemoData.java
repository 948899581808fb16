package org.boxoffice.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.boxoffice.account.AccountService;
import org.boxoffice.account.Role;
import org.boxoffice.catalog.CatalogService;
import org.boxoffice.catalog.NewEvent;
import org.boxoffice.catalog.VenueLayout;
import org.boxoffice.catalog.WaitingRoomSettings;
import org.boxoffice.shared.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Loads the demo venue, events and accounts when the database has no events yet. On by default in
 * embedded mode, off when a shared database is configured (BOXOFFICE_DEMO_DATA overrides both).
 */
@Component
class DemoData implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    static final String ORGANIZER = "organizer@demo.boxoffice.dev";
    static final String ADMIN = "admin@demo.boxoffice.dev";
    static final String FAN = "fan@demo.boxoffice.dev";

    private final AccountService accounts;
    private final CatalogService catalog;
    private final Clock clock;
    private final boolean enabled;
    private final String password;

    DemoData(AccountService accounts, CatalogService catalog, Clock clock,
             DemoSettings settings, @Value("${spring.datasource.url}") String databaseUrl) {
        String demoData = settings.demoData();
        this.accounts = accounts;
        this.catalog = catalog;
        this.clock = clock;
        this.enabled = demoData.isBlank() ? databaseUrl.startsWith("jdbc:h2:") : Boolean.parseBoolean(demoData.strip());
        this.password = settings.demoPassword();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled || catalog.events(0, 1).total() > 0) {
            return;
        }
        String organizer = account(ORGANIZER, "Demo Organizer", EnumSet.of(Role.ORGANIZER, Role.FAN));
        account(ADMIN, "Demo Admin", EnumSet.allOf(Role.class));
        account(FAN, "Demo Fan", EnumSet.of(Role.FAN));
        long venueId = catalog.createVenue(arena()).venueId();
        Instant today = clock.instant().truncatedTo(ChronoUnit.HOURS);
        List<NewEvent.NewCategory> prices = List.of(
                new NewEvent.NewCategory("Front", Money.of("149.00", "EUR"), List.of("North")),
                new NewEvent.NewCategory("Standard", Money.of("89.50", "EUR"), List.of("East", "West")),
                new NewEvent.NewCategory("Value", Money.of("49.50", "EUR"), List.of("South")));
        catalog.createEvent(new NewEvent(venueId, "The Flash Sale Tour", "On sale now: the demo event to try holds and orders.",
                today.plus(Duration.ofDays(30)), today.minus(Duration.ofHours(1)), prices, null, null, null), organizer);
        catalog.createEvent(new NewEvent(venueId, "Stadium Night", "Goes on sale in a week, with a waiting room.",
                today.plus(Duration.ofDays(60)), today.plus(Duration.ofDays(7)), prices, 4, null,
                new WaitingRoomSettings(true, 600, 2000, 30, 50_000)), organizer);
        catalog.createEvent(new NewEvent(venueId, "Winter Symphony", "A seated concert later in the season.",
                today.plus(Duration.ofDays(90)), today.plus(Duration.ofDays(14)), prices, null, null, null), organizer);
        log.info("Demo data loaded: venue {} with 10,000 seats, 3 events; accounts {}, {}, {} (password from BOXOFFICE_DEMO_PASSWORD)",
                venueId, ORGANIZER, ADMIN, FAN);
    }

    private String account(String email, String name, EnumSet<Role> roles) {
        return accounts.userIdByEmail(email).orElseGet(() -> accounts.provision(email, password, name, roles));
    }

    /** Four sections of 25 rows of 100 seats. */
    private static VenueLayout arena() {
        List<VenueLayout.Section> sections = new ArrayList<>();
        for (String name : List.of("North", "East", "South", "West")) {
            List<VenueLayout.Row> rows = new ArrayList<>();
            for (int row = 1; row <= 25; row++) {
                rows.add(new VenueLayout.Row(String.valueOf(row), 100));
            }
            sections.add(new VenueLayout.Section(name, rows));
        }
        return new VenueLayout("Boxoffice Arena", sections);
    }
}
