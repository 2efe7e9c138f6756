package dev.stockroom.resilience;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Threads that repeat a request at a steady pace until closed, recording every answer with the phase the
 * test was in (before, during, after a fault) when it was sent.
 */
final class SteadyLoad implements AutoCloseable {

    record Answer(String kind, String phase, int status, boolean problem, String body) {
    }

    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
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
                        answers.add(new Answer(kind, sentIn, response.statusCode(), Http.isProblem(response), response.body()));
                    } catch (RuntimeException e) {
                        answers.add(new Answer(kind, sentIn, -1, false, String.valueOf(e)));
                    }
                    pause(pauseMillis);
                }
            }, "load-" + kind + "-" + i);
            thread.start();
            threads.add(thread);
        }
        return this;
    }

    void phase(String phase) {
        this.phase = phase;
    }

    List<Answer> answers() {
        return List.copyOf(answers);
    }

    List<Answer> answers(String kind) {
        return answers.stream().filter(a -> a.kind().equals(kind)).toList();
    }

    /** Answer counts by phase and status, for assertion messages. */
    Map<String, Map<Integer, Long>> summary() {
        return answers.stream().collect(Collectors.groupingBy(a -> a.kind() + "/" + a.phase(), java.util.TreeMap::new,
                Collectors.groupingBy(Answer::status, java.util.TreeMap::new, Collectors.counting())));
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
