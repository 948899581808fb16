#!/usr/bin/env python3
"""Shows that the central tests bite: each sabotage breaks one guarantee on purpose in a fresh clone of this
repository, runs the tests that claim it, and expects them to fail.

    python3 scripts/sabotage.py            # all sabotages, about 15 minutes
    python3 scripts/sabotage.py fencing    # the ones whose name contains "fencing"

Needs what the test suite needs (JDK 21+, PostgreSQL, Redis, redis-server on the PATH). Exits 1 when a sabotage
leaves its tests green. Nothing here runs in the default build.
"""
import glob, os, subprocess, sys, tempfile
import xml.etree.ElementTree as ET

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAVA_HOME = os.environ.get("JAVA_HOME") or "/usr/lib/jvm/temurin-25-jdk-amd64"

# (name, file, text to replace, replacement, tests that must fail)
SABOTAGES = [
    ("fencing check disabled",
     "src/main/java/org/boxoffice/inventory/persistence/JdbcHolds.java",
     "WHERE hs.hold_id = :id AND f.fence <> :fence)", "WHERE hs.hold_id = :id AND f.fence <> f.fence)",
     "FencingAndRebuildTests,PostgresFencingAndRebuildTests"),
    ("Redis rebuild forgets sold seats",
     "src/main/java/org/boxoffice/inventory/redis/EventRebuilds.java",
     "            states.append((char) ('0' + status));",
     "            states.append((char) ('0' + (status == 2 ? 0 : status)));",
     "ClusterTests#redisRestartedWithItsDataLostMidRaceSellsNoSeatTwice"),
    ("a change Redis missed forgets the event (rebuild drops holds in flight)",
     "src/main/java/org/boxoffice/inventory/redis/RedisSeatInventory.java",
     "        } catch (RuntimeException unavailable) {\n            missed.add(change);",
     "        } catch (RuntimeException unavailable) {\n            stale.put(eventId, \"\");",
     "RedisMissedChangesTests"),
    ("a sale the live inventory never heard of lets its hold run out",
     "src/main/java/org/boxoffice/inventory/ExpiringHolds.java",
     ".filter(hold -> sold.contains(hold.holdId())).toList();", ".filter(hold -> false).toList();",
     "FencingAndRebuildTests#aSaleCommittedWithoutTheLiveInventoryHearingOfItStaysSoldWhenItsHoldRunsOut"),
    ("releasing a hold the database sold frees its seats",
     "src/main/java/org/boxoffice/inventory/HoldRecords.java",
     "        if (Holds.SOLD.equals(stored.status())) {", "        if (false) {",
     "FencingAndRebuildTests#releasingAHoldWhoseSaleCommittedUnheardLeavesItsSeatsSold"),
    ("holds drained by a sweep that failed are never checked again",
     "src/main/java/org/boxoffice/inventory/ExpiringHolds.java",
     "            unrecorded.addAll(expired);", "            expired.clear();",
     "FencingAndRebuildTests#holdsTheSweeperCouldNotRecordWhileTheDatabaseWasAwayAreCheckedOnItsNextRound"),
    ("the inventory's problem table answers a taken seat with the wrong status",
     "src/main/java/org/boxoffice/inventory/web/InventoryProblems.java",
     'case InventoryRefusal.SeatsUnavailable r -> new ApiProblem(409,', 'case InventoryRefusal.SeatsUnavailable r -> new ApiProblem(400,',
     "HoldTests#rejectsOverlappingHoldListingExactlyTheTakenSeatsAndHoldingNothing"),
    ("an event counts as sold out while a seat is only held",
     "src/main/java/org/boxoffice/browse/internal/EventStatuses.java",
     "counts.available() == 0 && counts.held() == 0 && counts.sold() > 0", "counts.available() == 0 && counts.sold() > 0",
     "CatalogTests#eventIsNotSoldOutWhileASeatIsOnlyHeld"),
    ("the catalog calls into the inventory again",
     "src/main/java/org/boxoffice/catalog/CatalogService.java",
     "public class CatalogService {", "public class CatalogService {\n    private static final Class<?> BACK = org.boxoffice.inventory.SeatCounts.class;",
     "ModularityTests#theCatalogUsesOnlyTheKernelAndTheInfrastructure"),
    ("a setting is missing from the README's table",
     "README.md",
     "| `BOXOFFICE_DB_GROUP_COMMIT_WRITERS` |", "| `BOXOFFICE_DB_GROUP_COMMIT_WRITERZ` |",
     "SettingsDocumentationTests"),
    ("the seat map ignores the stream's changes",
     "src/main/resources/static/event.js",
     "(changes) => changes.seats.forEach((c) => setStatus(c.id, c.status))", "() => {}",
     "FanPagesBrowserTests#aHoldMadeInOneBrowserShowsAsHeldInAnotherWithinTwoSecondsAndASaleAsSold"),
    ("a hold left to expire in the page goes on counting",
     "src/main/resources/static/event.js",
     "if (left === 0) { endHold();", "if (left < 0) { endHold();",
     "FanPagesBrowserTests#aHoldLeftToExpireShowsAsExpiredAndItsSeatsReturnToAvailable"),
    ("a 100,000-seat venue is drawn seat by seat",
     "src/main/resources/static/lib/seatmap.js",
     "export const DRAW_ALL_UP_TO = 20_000;", "export const DRAW_ALL_UP_TO = 1_000_000;",
     "FanPagesBrowserTests#aHundredThousandSeatVenueShowsSectionsWhenZoomedOutAndDrawsOnlyTheSeatsInViewWhenZoomedIn"),
    ("the sales dashboard reads its counts once",
     "src/main/resources/static/dashboard.js",
     "    setTimeout(poll, POLL_MILLIS);\n  } catch", "  } catch",
     "OrganizerPagesBrowserTests#theDashboardCountsHoldsAndSalesAndChartsThemPerMinuteByItself"),
    ("sales per minute count cancelled orders",
     "src/main/java/org/boxoffice/ordering/internal/JdbcOrders.java",
     "WHERE o.event_id = :event AND o.status = 'CONFIRMED' AND o.created_at >= :since",
     "WHERE o.event_id = :event AND o.created_at >= :since",
     "OrganizerOverviewTests"),
    ("the queue page keeps an admitted buyer instead of handing off",
     "src/main/resources/static/queue.js",
     "    setTimeout(() => location.assign($('to-seats').href), 1500);\n", "",
     "QueuePageBrowserTests"),
    ("a problem type without words on the pages",
     "src/main/resources/static/lib/api.js",
     "  'hold-limit-reached': 'You have placed as many holds as this event allows in an hour.',\n", "",
     "BuyerMessagesBrowserTests#everyProblemTypeOfTheServiceHasAMessageOrADetailWrittenForPeople"),
    ("a form field as wide as its longest option",
     "src/main/resources/static/app.css",
     "margin: .25rem .75rem .25rem 0; font-size: .9rem; max-width: 100%; }", "margin: .25rem .75rem .25rem 0; font-size: .9rem; }",
     "LayoutBrowserTests"),
    ("check-in lets a ticket in twice",
     "src/main/java/org/boxoffice/ticketing/CheckingIn.java",
     "        } catch (DuplicateKeyException scannedBefore) {\n",
     "        } catch (DuplicateKeyException scannedBefore) {\n            if (true) return new CheckedIn(ticket.ticketId(), ticket.eventId(), ticket.label(), now);\n",
     "CheckinTests#twoScannersSubmittingOneTicketAtTheSameMomentLetItInOnce"),
    ("a rotating code never expires",
     "src/main/java/org/boxoffice/ticketing/internal/TicketCodes.java",
     "if (Math.abs(step - step(now)) > STEPS_OF_TOLERANCE) {", "if (false) {",
     "CheckinTests#aRotatingCodeIsTakenWithinAStepOfItsWindowAndRefusedAfter"),
    ("a code's signature is not checked",
     "src/main/java/org/boxoffice/ticketing/internal/TicketCodes.java",
     "        if (!verifies(parts[0]", "        if (false && !verifies(parts[0]",
     "CheckinTests#aForgedOrAlteredCodeIsRefusedAsForgedAndNoiseAsUnreadable"),
    ("the confirmation never reaches the outbox",
     "src/main/java/org/boxoffice/ordering/internal/PlacingOrder.java",
     "}, () -> events.publishEvent(new OrderConfirmed(orderId, hold.userId(), hold.eventId())));",
     "}, () -> { });",
     "OrderMailsTests,MailAcrossRestartTests"),
    ("a mail delivered again is sent again",
     "src/main/java/org/boxoffice/notification/internal/OrderMails.java",
     "        if (!sent.take(key, clock.instant())) {", "        if (!sent.take(key + java.util.UUID.randomUUID(), clock.instant())) {",
     "OrderMailsTests#aConfirmedOrderGetsOneMailNamingTheOrderTheEventAndEverySeatWithItsTicketsAsPdf"),
    ("a mail that failed is not retried",
     "src/main/java/org/boxoffice/notification/internal/Mailboxes.java",
     "                    sender.send(message(sender.createMimeMessage(), mail, settings));",
     "                    try { sender.send(message(sender.createMimeMessage(), mail, settings)); } catch (org.springframework.mail.MailException ignored) { }",
     "OrderMailsTests#aConfirmationWhoseSmtpServerWasDownAtCommitIsSentOnceTheServerIsBack"),
    ("PDF tickets escape names as HTML entities",
     "src/main/java/org/boxoffice/ticketing/TicketPrints.java",
     "        return HtmlUtils.htmlEscape(text, \"UTF-8\");", "        return HtmlUtils.htmlEscape(text);",
     "OrderMailsTests#aConfirmedOrderGetsOneMailNamingTheOrderTheEventAndEverySeatWithItsTicketsAsPdf"),
    ("an order whose guest is inside can be cancelled",
     "src/main/java/org/boxoffice/ticketing/internal/JdbcCheckins.java",
     "        return !ticketIds.isEmpty() && jdbc", "        return false && jdbc",
     "CheckinTests#anOrderWhoseGuestIsInsideCannotBeCancelled"),
    ("a hold that ends before an earlier one waits behind it",
     "src/main/java/org/boxoffice/inventory/memory/Expiries.java",
     "if (inOrder.isEmpty() || inOrder.peekLast().at() <= expiry.at()) {", "if (true) {",
     "InMemorySeatInventoryContractTests#aHoldPlacedLaterThatEndsSoonerIsGoneAtItsOwnExpiry"),
    ("one event's unreadable record holds up the missed changes of all",
     "src/main/java/org/boxoffice/inventory/redis/MissedChanges.java",
     "                log.warn(\"Changes Redis missed for event {} wait: {}\", entry.getKey(), e.toString());\n                continue;",
     "                return unsettled;",
     "RedisMissedChangesTests#anEventWhoseRecordCannotBeReadDoesNotHoldUpTheOthers"),
    ("a remembered refusal outlives the hold that took the seat",
     "src/main/java/org/boxoffice/inventory/redis/RecentRefusals.java",
     "if (refusal != null && nowMs < refusal.freeAtEarliest()) {",
     "if (refusal != null) {",
     "RedisRecentRefusalsTests#aRefusalEndsExactlyAtTheExpiryOfTheHoldThatTookTheSeat"),
    ("remembered refusals kept after the node freed the seat",
     "src/main/java/org/boxoffice/inventory/redis/RedisSeatInventory.java",
     "        refusals.forget(eventId);", "",
     "RedisRecentRefusalsTests#aSeatThisNodeFreesIsOfferedAtOnce"),
    ("a mark sold again that raced a cancellation is never undone",
     "src/main/java/org/boxoffice/inventory/SalesMarkedAgain.java",
     "marked.stream().filter(hold -> !stillSold.contains(hold.holdId()))", "marked.stream().filter(hold -> false)",
     "SalesMarkedAgainTests#aMarkThatRacedACancellationIsUndone"),
    ("holds drained from one event lost when draining a later one fails",
     "src/main/java/org/boxoffice/inventory/redis/RedisSeatInventory.java",
     "                if (expired.isEmpty()) {", "                if (true) {",
     "RedisDrainTests"),
    ("refund asked of the gateway twice",
     "src/main/java/org/boxoffice/ordering/internal/Refunds.java",
     "&& payments.refund(orderId) instanceof RefundResult.Refunded) {",
     "&& payments.refund(orderId) != null && payments.refund(orderId) instanceof RefundResult.Refunded) {",
     "CheckoutTests#cancellingRefundsTheTotalAndReturnsTheSeatsAtOnce"),
    ("admission in reverse join order",
     "src/main/resources/redis/queue/admit.lua",
     "redis.call('ZPOPMIN', LINE, places)", "redis.call('ZPOPMAX', LINE, places)",
     "ClusterTests#admittersOnEveryNodeAdmitEachBuyerOnceInJoinOrder"),
    ("pre-queue shuffle replaced by a random rotation",
     "src/main/java/org/boxoffice/waitingroom/memory/EventQueue.java",
     "        preQueue.entrySet().stream()\n                .sorted(Map.Entry.<String, byte[]>comparingByValue(Arrays::compareUnsigned)\n                        .thenComparing(e -> records.get(e.getKey()).entryId()))\n                .map(Map.Entry::getKey).forEach(this::append);",
     "        java.util.List<String> joined = preQueue.keySet().stream().sorted().toList();\n"
     "        int shift = random.nextInt(Math.max(1, joined.size()));\n"
     "        for (int i = 0; i < joined.size(); i++) {\n"
     "            append(joined.get((i + shift) % joined.size()));\n"
     "        }",
     "InMemoryQueuesContractTests"),
    ("the card not locked while its seats are counted",
     "src/main/java/org/boxoffice/ordering/internal/JdbcOrders.java",
     "WHERE event_id = :event AND card_fingerprint = :card FOR UPDATE",
     "WHERE event_id = :event AND card_fingerprint = :card",
     "CheckoutLimitsTests#countsACardsSeatsOneCheckoutAtATime"),
    ("unknown e-mails not hashed against a decoy",
     "src/main/java/org/boxoffice/account/internal/PasswordHashing.java",
     "        return run(() -> encoder.matches(password, hash != null ? hash : decoyHash.get()) && hash != null);",
     "        if (hash == null) {\n            return false;\n        }\n        return run(() -> encoder.matches(password, hash));",
     "SignInProtectionTests#takesAsLongToRefuseAnUnknownEmailAsAWrongPassword"),
    ("seat-stream tick stops on an Error",
     "src/main/java/org/boxoffice/seatmap/internal/SeatStreams.java",
     "        } catch (Throwable e) {\n            try {", "        } catch (RuntimeException e) {\n            try {",
     "SeatStreamsTickTests"),
    ("no stream cap per address",
     "src/main/java/org/boxoffice/seatmap/internal/StreamPermits.java",
     "        if (!byAddress.take(address, perAddress)) {", "        if (false) {",
     "SeatStreamTests"),
    ("a refund asked of the gateway by two callers at once",
     "src/main/java/org/boxoffice/ordering/internal/Refunds.java",
     "        if (orders.claimRefund(orderId, now, now.plus(claim)) && payments.refund(orderId) instanceof RefundResult.Refunded) {",
     '        if ("PENDING".equals(orders.find(orderId).orElseThrow().refund().status())'
     " && payments.refund(orderId) instanceof RefundResult.Refunded) {",
     "PaymentRecoveryTests#asksTheGatewayOnceForARefundThatAnotherCallerIsAlreadyAsking"),
    ("transaction failures answered as 500",
     "src/main/java/org/boxoffice/infrastructure/web/ProblemDetailsAdvice.java",
     "            TransientDataAccessException.class, TransactionException.class})",
     "            TransientDataAccessException.class})",
     "ProblemDetailsAdviceTests"),
    ("a hold runs before the node checks which Redis server answers after a new connection",
     "src/main/java/org/boxoffice/inventory/redis/RedisSeatInventory.java",
     "        staleEvents.checkAfterNewConnections();\n", "",
     "RedisSeatInventoryContractTests#checksWhichServerAnswersBeforeTheFirstHoldAfterANewConnection"),
    ("the run-id guard never finds a state built on another server",
     "src/main/java/org/boxoffice/inventory/redis/StaleEvents.java",
     "if (!builtOn.isEmpty() && !builtOn.equals(server)) {", "if (false) {",
     "RedisSeatInventoryContractTests"),
    ("a cluster subscription stays on its dead node",
     "src/main/java/org/boxoffice/infrastructure/RedisConnections.java",
     "            pubSub.sync().ping();\n            return true;", "            return true;",
     "ClusterSubscriptionTests"),
    ("a cluster node that lacks a script is never given it",
     "src/main/java/org/boxoffice/infrastructure/LuaScripts.java",
     "                return commands.eval(sources.get(name), ScriptOutputType.MULTI, keys, args);",
     "                throw e;",
     "ClusterSeatInventoryContractTests"),
    ("a second node without Redis starts beside a live one",
     "src/main/java/org/boxoffice/infrastructure/SoleNodeWithoutRedis.java",
     "if (then == null || now.beats() > then) {", "if (false) {",
     "SplitBrainTests"),
    ("a sale whose commit failed to report is not followed up",
     "src/main/java/org/boxoffice/inventory/SellingSeats.java",
     "            records.saleInDoubt(catalog.plan(hold.eventId()), hold.holdId());\n", "",
     "FencingAndRebuildTests#aSaleCommittedButReportedFailedShowsSoldOnTheNextSweepWithoutWaitingForItsHoldToRunOut"),
    ("seat streams do not start over after the change feed was subscribed again",
     "src/main/java/org/boxoffice/inventory/redis/RedisSeatChanges.java",
     "        if (subscribedBefore.getAndSet(true)) {", "        if (subscribedBefore.getAndSet(true) && false) {",
     "RedisSeatChangesTests"),
    ("a key that could not be freed while the database was away stays claimed",
     "src/main/java/org/boxoffice/ordering/internal/IdempotencyKeys.java",
     "            leftOvers.add(new UserKey(userId, key));\n", "",
     "CheckoutLimitsTests#aKeyThatCouldNotBeFreedWhileTheDatabaseWasAwayIsFreedOnceItAnswersSoTheClientCanRetry"),
    ("a seat's fence is written by one MERGE again (two racing writes both insert)",
     "src/main/java/org/boxoffice/inventory/persistence/JdbcHolds.java",
     '"INSERT INTO seat_fences (event_id, seat_id, fence) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"',
     '"MERGE INTO seat_fences f USING (SELECT CAST(? AS BIGINT) AS event_id, CAST(? AS BIGINT) AS seat_id, CAST(? AS BIGINT) AS fence) s ON f.event_id = s.event_id AND f.seat_id = s.seat_id WHEN NOT MATCHED THEN INSERT (event_id, seat_id, fence) VALUES (s.event_id, s.seat_id, s.fence)"',
     "FencingAndRebuildTests#holdWritesRacingForASeatNoHoldHadBeforeAllLandAndTheLargestFenceStays"),
    ("the in-process pre-queue ignores the shuffle (entry id order)",
     "src/main/java/org/boxoffice/waitingroom/memory/EventQueue.java",
     "                .sorted(Map.Entry.<String, byte[]>comparingByValue(Arrays::compareUnsigned)\n                        .thenComparing(e -> records.get(e.getKey()).entryId()))",
     "                .sorted(java.util.Comparator.comparing((Map.Entry<String, byte[]> e) -> records.get(e.getKey()).entryId()))",
     "InMemoryQueuesContractTests,QueueFairnessTests"),
    ("the Redis pre-queue scores entries at random, not by the shuffle",
     "src/main/java/org/boxoffice/waitingroom/redis/RedisQueues.java",
     "userId, Double.toString(shuffle.score(entryId)),", "userId, Double.toString(random.nextDouble()),",
     "RedisQueuesContractTests,QueueFairnessAcrossNodesTests"),
    ("each node draws a seed of its own, kept in memory",
     "src/main/java/org/boxoffice/waitingroom/internal/ShuffleSeeds.java",
     "        return cache.computeIfAbsent(eventId, this::readOrDraw);",
     "        return cache.computeIfAbsent(eventId, id -> new Committed(QueueShuffle.draw(random), QueueShuffle.draw(random).commitment(), clock.instant()));",
     "QueueFairnessTests,QueueFairnessAcrossNodesTests"),
    ("a receipt's batch signature is not checked",
     "src/main/java/org/boxoffice/waitingroom/internal/QueueReceipts.java",
     "                    || !root.verify(verifier) || ", "                    || !(root.verify(verifier) || true) || ",
     "QueueFairnessTests#aReceiptProvesItsBuyersPlaceAndATamperedOneIsRejected"),
    ("a receipt's claims are not checked against the signed root",
     "src/main/java/org/boxoffice/waitingroom/internal/QueueReceipts.java",
     " || !HEX.formatHex(hash).equals(root.getJWTClaimsSet().getStringClaim(\"root\"))) {", ") {",
     "QueueFairnessTests#aReceiptProvesItsBuyersPlaceAndATamperedOneIsRejected,QueueReceiptsTests"),
    ("the report counts no refusals of rate limits",
     "src/main/java/org/boxoffice/waitingroom/internal/RateLimitFilter.java",
     'rejections.count(Long.parseLong(path.group(1)), "rate-limited");', 'Long.parseLong(path.group(1));',
     "QueueFairnessTests#aSimulatedSaleIsProvablyFairFromCommitmentToReport"),
    ("the report's bypass check trusts every holder",
     "src/main/java/org/boxoffice/waitingroom/internal/FairnessReports.java",
     "long holders = holds.holdersBetween(event.id(), event.onSaleAt(), to).stream().filter(u -> !admitted.contains(u)).count();",
     "long holders = 0;",
     "QueueFairnessTests#aSimulatedSaleIsProvablyFairFromCommitmentToReport"),
    ("the seed check compares the order with itself",
     "src/main/java/org/boxoffice/waitingroom/internal/FairnessReports.java",
     "if (!preAdmitted.get(i).entryId().equals(order.get(i))) {", "if (false) {",
     "QueueFairnessTests#aReportCatchesASeedThatDidNotOrderTheQueue"),
    ("the Redis pre-queue stays open after the first admission round",
     "src/main/resources/redis/queue/admit.lua",
     "if NOW < ONSALE then return {{}, lapsed} end\nsealIfOpen()", "if NOW < ONSALE then return {{}, lapsed} end",
     "RedisQueuesContractTests#closesThePreQueueForGoodAtTheFirstAdmissionRoundAfterTheOpening"),
    ("a receipt path's side byte is not checked",
     "src/main/java/org/boxoffice/waitingroom/internal/QueueReceipts.java",
     "                if (path[at] != 0 && path[at] != 1) {", "                if (false) {",
     "QueueReceiptsTests"),
    ("anonymous callers share one per-user rate-limit bucket",
     "src/main/java/org/boxoffice/waitingroom/internal/RateLimitFilter.java",
     " && !(caller instanceof AnonymousAuthenticationToken)) {", ") {",
     "QueueFairnessTests#anonymousCheckersAreLimitedByAddressNotAsOneUser"),
]


def run(name, path, old, new, tests):
    with tempfile.TemporaryDirectory(prefix="sabotage-") as clone:
        subprocess.run(["git", "clone", "-q", REPO, clone], check=True)
        file = os.path.join(clone, path)
        text = open(file).read()
        if old not in text:
            return "NOT APPLIED (the code changed: update the sabotage)"
        open(file, "w").write(text.replace(old, new, 1))
        env = dict(os.environ, JAVA_HOME=JAVA_HOME, CI="true")
        result = subprocess.run(["./mvnw", "-B", "-q", "test", "-Dtest=" + tests, "-Dsurefire.failIfNoSpecifiedTests=false"],
                                cwd=clone, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ran, failed = outcomes(clone)
        if ran == 0:
            return f"NO TESTS RAN (exit {result.returncode}: does the sabotage compile?)"
        if failed == 0:
            return f"MISSED ({ran} tests passed)"
        return f"caught ({failed} of {ran} failed)"


def outcomes(clone):
    """Counts from the surefire reports, so that a sabotage that does not compile is not taken for a caught one."""
    ran = failed = 0
    for report in glob.glob(os.path.join(clone, "target", "surefire-reports", "TEST-*.xml")):
        suite = ET.parse(report).getroot()
        ran += int(suite.get("tests", 0)) - int(suite.get("skipped", 0))
        failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    return ran, failed


def main():
    wanted = [a.lower() for a in sys.argv[1:]]
    missed = False
    for name, path, old, new, tests in SABOTAGES:
        if wanted and not any(w in name.lower() for w in wanted):
            continue
        outcome = run(name, path, old, new, tests)
        missed |= not outcome.startswith("caught")
        print(f"{name:55} {tests:70} {outcome}", flush=True)
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
