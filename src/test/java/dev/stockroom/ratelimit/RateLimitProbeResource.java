package dev.stockroom.ratelimit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Test-only endpoints, one per kind of policy, limited per client address (they need no credentials). */
@Path("/test/rate-limit")
public class RateLimitProbeResource {

    @GET
    @Path("/open")
    @RateLimited(policy = "probe-open")
    public String open() {
        return "ok";
    }

    @GET
    @Path("/closed")
    @RateLimited(policy = "probe-closed")
    public String closed() {
        return "ok";
    }

    @GET
    @Path("/local")
    @RateLimited(policy = "probe-local")
    public String local() {
        return "ok";
    }

    @GET
    @Path("/shadow")
    @RateLimited(policy = "probe-shadow")
    public String shadow() {
        return "ok";
    }

    @GET
    @Path("/inline")
    @RateLimited(limit = 3, window = "1m")
    public String inline() {
        return "ok";
    }

    @GET
    @Path("/nine")
    @RateLimited(limit = 9, window = "1m")
    public String nine() {
        return "ok";
    }

    @GET
    @Path("/daily")
    @RateLimited(limit = 1000, window = "24h")
    public String daily() {
        return "ok";
    }
}
