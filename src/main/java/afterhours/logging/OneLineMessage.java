package afterhours.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %msg} with every control character escaped ({@link LogText}): one event, one line. */
public final class OneLineMessage extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return LogText.oneLine(super.convert(event));
    }
}
