package dev.stockroom.resilience;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Threads that repeat a request at a steady pace until closed. Every answer is counted by kind, phase (the
 * phase the test was in when it was sent: before, during, after a fault) and status; unsuccessful answers
 * are kept whole for assertions. Successful ones are only counted, so that a long soak holds no memory.
 */
final class SteadyLoad implements AutoCloseable {

    record Answer(String kind, String phase, int status, boolean problem, String body) {
    }

    private record Key(String kind, String phase, int status) {
    }

    private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();
    private final Queue<Answer> unsuccessful = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile String phase = "before";
    private volatile boolean running = true;

    /** Starts {@code count} threads, each sending {@code request} (named {@code kind}) every {@code pauseMillis}. */
    SteadyLoad add(String kind, int count, long pauseMillis, Supplier<HttpResponse<String>> request) {
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(() -> {
                while (running) {
                    String sentIn = phase;
                    try {
                        HttpResponse<String> response = request.get();
                        record(new Answer(kind, sentIn, response.statusCode(), Http.isProblem(response), response.body()));
                    } catch (RuntimeException e) {
                        record(new Answer(kind, sentIn, -1, false, String.valueOf(e)));
                    }
                    pause(pauseMillis);
                }
            }, "load-" + kind + "-" + i);
            thread.start();
            threads.add(thread);
        }
        return this;
    }

    private void record(Answer answer) {
        counts.computeIfAbsent(new Key(answer.kind(), answer.phase(), answer.status()), k -> new LongAdder()).increment();
        if ((answer.status() < 200 || answer.status() >= 300) && unsuccessful.size() < 10_000) {
            unsuccessful.add(answer);
        }
    }

    void phase(String phase) {
        this.phase = phase;
    }

    /** Answers of a kind ({@code null}: any) sent in a phase ({@code null}: any) with a status (0: any). */
    long count(String kind, String phase, int status) {
        return counts.entrySet().stream()
                .filter(e -> kind == null || e.getKey().kind().equals(kind))
                .filter(e -> phase == null || e.getKey().phase().equals(phase))
                .filter(e -> status == 0 || e.getKey().status() == status)
                .mapToLong(e -> e.getValue().sum()).sum();
    }

    /** Answers that were not 2xx (or got no answer: status -1). */
    List<Answer> unsuccessful() {
        return List.copyOf(unsuccessful);
    }

    /** Answer counts by kind/phase and status, for assertion messages. */
    Map<String, Map<Integer, Long>> summary() {
        Map<String, Map<Integer, Long>> summary = new TreeMap<>();
        counts.forEach((key, count) -> summary.computeIfAbsent(key.kind() + "/" + key.phase(), k -> new TreeMap<>())
                .merge(key.status(), count.sum(), Long::sum));
        return summary;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(60_000);
        }
    }

    static <T> Supplier<T> cycling(List<String> values, Function<String, T> request) {
        AtomicLong next = new AtomicLong();
        return () -> request.apply(values.get((int) (next.getAndIncrement() % values.size())));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
