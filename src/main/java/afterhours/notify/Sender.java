package afterhours.notify;

/** Delivers one message over one channel; throws with a short reason when the receiver did not take it. */
public interface Sender {
    void send(Recipient recipient, Outbox.Delivery delivery) throws Exception;
}
