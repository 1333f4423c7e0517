package afterhours.switching;

/** Where a line's state goes when it changes: the PBX (AstDB keys and a device state). */
public interface PbxGateway {

    /** Makes the PBX route the line as {@code state} says. Must not throw; failures are the gateway's to retry. */
    void push(PushedState state);
}
