package afterhours.calllog;

/** Receives each routing decision; called on the call's FastAGI thread after the answer was sent, must not block. */
@FunctionalInterface
public interface RoutingDecisionSink {
    RoutingDecisionSink NONE = decision -> { };

    void decided(RoutingDecision decision);
}
