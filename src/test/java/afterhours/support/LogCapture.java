package afterhours.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures everything logged (all loggers) while open, to check what the logs say, and what they never say. */
public final class LogCapture implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    public LogCapture() {
        appender.start();
        root.addAppender(appender);
    }

    public List<String> messages() {
        List<ILoggingEvent> events;
        // the appender adds under its own lock (AppenderBase.doAppend is synchronized): copy under it, since
        // other threads keep logging while a test reads
        synchronized (appender) {
            events = new ArrayList<>(appender.list);
        }
        return events.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())).toList();
    }

    public String all() {
        return String.join("\n", messages());
    }

    @Override
    public void close() {
        root.detachAppender(appender);
    }
}
