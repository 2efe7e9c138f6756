package dev.stockroom.http;

import java.util.Map;

/** Thrown anywhere to answer with a problem body ({@link Problem#of}); {@link ProblemMappers} renders it. */
public class ProblemException extends RuntimeException {

    private final Problem problem;
    private final Map<String, String> headers;

    public ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.detail() != null ? problem.detail() : problem.title(), null, false, false);
        this.problem = problem;
        this.headers = headers;
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }

    // Shortcuts for the commonest problems, built by Problem.of like every other.

    public static ProblemException notFound(String what) {
        return Problem.of(404, "not-found").detail(what + " was not found").exception();
    }

    public static ProblemException conflict(String slug, String detail) {
        return Problem.of(409, slug).detail(detail).exception();
    }

    public static ProblemException badRequest(String slug, String detail) {
        return Problem.of(400, slug).detail(detail).exception();
    }
}
