package io.flywheel.mlops;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

/** A JSON endpoint that exists only in tests, to prove how the app treats bodies it cannot read. */
@Path("/test-probe")
@PermitAll
public class ProbeResource {

    public record Probe(String name, int count) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Probe echo(Probe probe) {
        return probe;
    }
}
