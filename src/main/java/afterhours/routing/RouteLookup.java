package afterhours.routing;

import java.util.Optional;

/** Finds a line as served, from memory: what the route script needs, and no more. */
@FunctionalInterface
public interface RouteLookup {

    /** The line with its compiled schedule; empty for a line the service does not serve. */
    Optional<LiveLine> line(String lineId);
}
