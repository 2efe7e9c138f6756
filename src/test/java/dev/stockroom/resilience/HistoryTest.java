package dev.stockroom.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.stockroom.resilience.History.Kind;
import dev.stockroom.resilience.History.Operation;

/** The history checker finds exactly the reads that break a bound, and no others. */
class HistoryTest {

    private static final Duration BUS = Duration.ofSeconds(1);
    private static final Duration RELAY = Duration.ofSeconds(5);

    @Test
    void aReadOnTheWritersInstanceAfterTheResponseMustSeeTheWrite() {
        History history = new History();
        history.add(write("A", "p", 0, 10, 2));
        history.add(read("A", "p", 5, 20, 1));   // overlaps the write: either version is right
        history.add(read("A", "p", 11, 20, 2));
        history.add(read("A", "p", 12, 20, 1));  // started after the response: stale
        assertEquals(1, history.check(BUS, RELAY).violations().size());
    }

    @Test
    void anotherInstanceHasTheBusDelay() {
        History history = new History();
        history.add(write("A", "p", 0, 10, 2));
        history.add(read("B", "p", 900, 910, 1));   // 890 ms after the response: allowed
        history.add(read("B", "p", 1_011, 1_020, 1)); // 1,001 ms after: stale
        history.add(read("B", "q", 2_000, 2_010, 1)); // another product
        History.Verdict verdict = history.check(BUS, RELAY);
        assertEquals(1, verdict.violations().size());
        assertEquals(1_011 * 1_000_000L, verdict.violations().get(0).operation().start());
    }

    @Test
    void aWriterCutOffFromRedisIsRelayedFromTheOutboxByAnotherInstance() {
        History history = new History();
        history.outage("A", "split", ms(5), ms(30_000));
        history.add(write("A", "p", 0, 10, 2));
        history.add(read("B", "p", 4_000, 4_010, 1));  // within the relay bound: allowed
        history.add(read("B", "p", 5_100, 5_110, 1));  // past it, though the split goes on: stale
        history.add(read("A", "p", 2_000, 2_010, 1));  // the writer itself never reads the older version
        assertEquals(2, history.check(BUS, RELAY).violations().size());
    }

    @Test
    void writesDuringAnOutageOfEveryInstanceAreRelayedOnceRedisIsBack() {
        History history = new History();
        history.outage(null, "restart", ms(5), ms(3_000));
        history.add(write("A", "p", 0, 10, 2));
        history.add(read("B", "p", 7_000, 7_010, 1));  // 4 s after Redis came back: allowed
        history.add(read("B", "p", 8_100, 8_110, 1));  // 5.1 s after: stale
        assertEquals(1, history.check(BUS, RELAY).violations().size());
    }

    @Test
    void anOutageOfTheReaderAloneDoesNotExtendTheBound() {
        History history = new History();
        history.outage("B", "split", ms(0), ms(10_000));
        history.add(write("A", "p", 100, 110, 2));
        history.add(read("B", "p", 1_200, 1_210, 1));
        assertEquals(1, history.check(BUS, RELAY).violations().size());
    }

    @Test
    void aCommitWhoseInstanceDiedMustBeReadWithinTheRelayBound() {
        History history = new History();
        history.unansweredCommit("p", 3, ms(1_000));
        history.add(read("A", "p", 5_000, 5_010, 2));  // within the relay bound
        history.add(read("A", "p", 6_100, 6_110, 2));  // past it
        history.add(read("A", "p", 6_200, 6_210, 3));
        assertEquals(1, history.check(BUS, RELAY).violations().size());
    }

    @Test
    void failedAndUnansweredRequestsAreNotReadsOrWrites() {
        History history = new History();
        history.add(new Operation(Kind.WRITE, "B", "p", 0, ms(10), -1, -1));
        history.add(new Operation(Kind.WRITE, "A", "p", 0, ms(10), 409, -1));
        history.add(read("A", "p", 20, 30, 1));
        History.Verdict verdict = history.check(BUS, RELAY);
        assertEquals(0, verdict.violations().size());
        assertEquals(1, verdict.reads());
        assertEquals(0, verdict.writes());
        assertEquals(1, verdict.unanswered());
    }

    private static Operation write(String instance, String product, long startMillis, long endMillis, long version) {
        return new Operation(Kind.WRITE, instance, product, ms(startMillis), ms(endMillis), 200, version);
    }

    private static Operation read(String instance, String product, long startMillis, long endMillis, long version) {
        return new Operation(Kind.READ, instance, product, ms(startMillis), ms(endMillis), 200, version);
    }

    private static long ms(long millis) {
        return millis * 1_000_000;
    }
}
