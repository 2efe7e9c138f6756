package dev.stockroom.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

/**
 * The log of a consistency run and its checker. Every read and write of a product is logged with when it
 * started and ended (one clock, the test's), the instance that served it, and the version it read or wrote.
 * Faults are logged as windows in which an instance could not reach Redis, and as commits whose instance
 * died before answering. The checker counts the reads that returned a version older than the caching
 * guarantees allow (docs/caching.md, "Guarantees"):
 * <ul>
 * <li>a read on the writer's instance that starts after the write's response never returns an older
 * version;</li>
 * <li>a read on another instance never does once {@code bus} has passed since that response;</li>
 * <li>when the writer alone could not reach Redis during the write (a split), or died after committing it,
 * other instances may read the older version until {@code relay} has passed since the write's response (or
 * the commit): another instance relays it from the outbox. When no instance could reach Redis (an outage),
 * until {@code relay} has passed since Redis came back.</li>
 * </ul>
 */
final class History {

    enum Kind { READ, WRITE }

    /** One request: times in nanoseconds of the test's clock; version -1 where none was answered. */
    record Operation(Kind kind, String instance, String product, long start, long end, int status, long version) {

        boolean succeeded() {
            return status == 200 && version >= 0;
        }
    }

    /** A time in which {@code instance} ({@code null}: every instance) could not reach Redis. */
    record Outage(String instance, String fault, long start, long end) {

        boolean affects(String name) {
            return instance == null || instance.equals(name);
        }
    }

    /** A write committed at {@code at} (at the latest) whose instance died before it could answer. */
    record UnansweredCommit(String product, long version, long at) {
    }

    /** A read that returned an older version than {@code required}, which was due. */
    record Violation(Operation operation, long required, String because) {
    }

    /** What a run showed: counts, violations, and the longest time an older version was still read. */
    record Verdict(int reads, int writes, int unanswered, List<Violation> violations, long slowestOwnNanos,
            long slowestOtherNanos) {

        String describe() {
            return String.format("%d reads and %d acknowledged writes checked (%d requests unanswered); %d violations; "
                    + "an older version read at most %d ms after a write's response on its own instance, %d ms on the other",
                    reads, writes, unanswered, violations.size(), slowestOwnNanos / 1_000_000, slowestOtherNanos / 1_000_000);
        }
    }

    private final long origin = System.nanoTime();
    private final Queue<Operation> operations = new ConcurrentLinkedQueue<>();
    private final Queue<Outage> outages = new ConcurrentLinkedQueue<>();
    private final Queue<UnansweredCommit> commits = new ConcurrentLinkedQueue<>();

    void add(Operation operation) {
        operations.add(operation);
    }

    void outage(String instance, String fault, long start, long end) {
        outages.add(new Outage(instance, fault, start, end));
    }

    void unansweredCommit(String product, long version, long at) {
        commits.add(new UnansweredCommit(product, version, at));
    }

    /** Nanoseconds since this history began. */
    long elapsed() {
        return System.nanoTime() - origin;
    }

    /** A violation in words, its times counted from the start of the history. */
    String describe(Violation violation) {
        Operation read = violation.operation();
        return String.format("%s on %s of %s at %.3f s (for %d ms) answered version %d, version %d due: %s", read.kind(),
                read.instance(), read.product(), (read.start() - origin) / 1e9, (read.end() - read.start()) / 1_000_000,
                read.version(), violation.required(), violation.because());
    }

    List<Operation> operations() {
        return List.copyOf(operations);
    }

    Verdict check(Duration bus, Duration relay) {
        Map<String, List<Operation>> writesByProduct = operations.stream()
                .filter(o -> o.kind() == Kind.WRITE && o.succeeded())
                .collect(Collectors.groupingBy(Operation::product));
        List<Violation> violations = new ArrayList<>();
        long slowestOwn = 0;
        long slowestOther = 0;
        int reads = 0;
        for (Operation read : operations) {
            if (read.kind() != Kind.READ || !read.succeeded()) {
                continue;
            }
            reads++;
            for (Operation write : writesByProduct.getOrDefault(read.product(), List.of())) {
                if (write.version() <= read.version() || write.end() >= read.start()) {
                    continue;
                }
                boolean own = write.instance().equals(read.instance());
                long since = read.start() - write.end();
                if (own) {
                    slowestOwn = Math.max(slowestOwn, since);
                    violations.add(new Violation(read, write.version(), "written on this instance, answered "
                            + since / 1_000_000 + " ms before this read started"));
                    continue;
                }
                slowestOther = Math.max(slowestOther, since);
                long due = dueElsewhere(write, bus, relay);
                if (read.start() > due) {
                    violations.add(new Violation(read, write.version(), "written on " + write.instance() + ", answered "
                            + since / 1_000_000 + " ms before this read started; due " + (read.start() - due) / 1_000_000
                            + " ms before it"));
                }
            }
            for (UnansweredCommit commit : commits) {
                if (commit.product().equals(read.product()) && commit.version() > read.version()
                        && read.start() > commit.at() + relay.toNanos()) {
                    violations.add(new Violation(read, commit.version(), "committed by an instance that died "
                            + (read.start() - commit.at()) / 1_000_000 + " ms before this read started"));
                }
            }
        }
        int writes = writesByProduct.values().stream().mapToInt(List::size).sum();
        int unanswered = (int) operations.stream().filter(o -> o.status() <= 0).count();
        violations.sort(Comparator.comparingLong(v -> v.operation().start()));
        return new Verdict(reads, writes, unanswered, violations, slowestOwn, slowestOther);
    }

    /**
     * When another instance must see the write: {@code bus} after its response; {@code relay} after it when
     * its writer alone was cut off from Redis (the others relay it from the outbox); {@code relay} after
     * Redis came back when no instance could reach it.
     */
    private long dueElsewhere(Operation write, Duration bus, Duration relay) {
        long relayFrom = write.end();
        boolean cutOff = false;
        for (Outage outage : outages) {
            if (outage.affects(write.instance()) && outage.start() <= write.end() && outage.end() >= write.start()) {
                cutOff = true;
                if (outage.instance() == null) {
                    relayFrom = Math.max(relayFrom, outage.end());
                }
            }
        }
        return cutOff ? relayFrom + relay.toNanos() : write.end() + bus.toNanos();
    }
}
