package io.github.iothubmqtt.camel.test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The tests' SLF4J backend: keeps every INFO-and-above event (and DEBUG and TRACE of the loggers named by
 * {@link #keepAllLevels}) so tests can assert what was (not) logged, and prints
 * WARN and ERROR to stderr. Loggers named by the system property {@value #PRINT_DEBUG_PROPERTY} (a name prefix) print
 * their DEBUG events to stdout, which is how an emulator in a child process reports what it receives
 * ({@link ChildEmulator}).
 */
public final class CapturedLogs implements SLF4JServiceProvider {

    /** One logged event; {@code thrown} is the exception's {@code toString()} with its causes', or empty. */
    public record Event(Level level, String logger, String message, String thrown) {
    }

    private static final ConcurrentLinkedQueue<Event> EVENTS = new ConcurrentLinkedQueue<>();
    private static final int MAX_EVENTS = 100_000;
    static final String PRINT_DEBUG_PROPERTY = "captured-logs.print-debug";
    private static final String PRINT_DEBUG = System.getProperty(PRINT_DEBUG_PROPERTY);
    private static final Set<String> KEEP_ALL_LEVELS = ConcurrentHashMap.newKeySet();

    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    public static List<Event> events() {
        return List.copyOf(EVENTS);
    }

    public static void clear() {
        EVENTS.clear();
    }

    /** Enables and keeps DEBUG and TRACE events too, of the loggers whose names start with {@code prefix}. */
    public static void keepAllLevels(String prefix) {
        KEEP_ALL_LEVELS.add(prefix);
    }

    /** Back to INFO and above for every logger. */
    public static void keepInfoAndAbove() {
        KEEP_ALL_LEVELS.clear();
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return name -> loggers.computeIfAbsent(name, CapturingLogger::new);
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to set up
    }

    private static String causes(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }

    private static final class CapturingLogger extends LegacyAbstractLogger {

        CapturingLogger(String name) {
            this.name = name;
        }

        @Override
        public boolean isTraceEnabled() {
            return keepsAllLevels();
        }

        @Override
        public boolean isDebugEnabled() {
            return printsDebug() || keepsAllLevels();
        }

        private boolean printsDebug() {
            return PRINT_DEBUG != null && name.startsWith(PRINT_DEBUG);
        }

        private boolean keepsAllLevels() {
            return KEEP_ALL_LEVELS.stream().anyMatch(name::startsWith);
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                Throwable error) {
            String message = MessageFormatter.basicArrayFormat(pattern, arguments);
            if (level.toInt() < Level.INFO.toInt()) {
                if (level == Level.DEBUG && printsDebug()) {
                    System.out.println(level + " [" + Thread.currentThread().getName() + "] " + name + " - " + message);
                }
                if (keepsAllLevels() && EVENTS.size() < MAX_EVENTS) {
                    EVENTS.add(new Event(level, name, message, causes(error)));
                }
                return;
            }
            if (EVENTS.size() < MAX_EVENTS) {
                EVENTS.add(new Event(level, name, message, causes(error)));
            }
            if (level.toInt() >= Level.WARN.toInt()) {
                System.err.println(level + " [" + Thread.currentThread().getName() + "] " + name + " - " + message);
                if (error != null) {
                    error.printStackTrace();
                }
            }
        }
    }
}
