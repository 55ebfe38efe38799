package io.github.iothubmqtt.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a round's CPU went, by thread: Paho's three loops (each client names its threads {@code MQTT Call},
 * {@code MQTT Rec}, {@code MQTT Snd}), the other live threads, and what no live Java thread accounts for (GC, JIT, the
 * VM, and threads that ended during the round, such as the senders, which the caller counts itself).
 */
final class ThreadCpu {

    private static final String CALLBACK = "Paho callback";
    private static final String RECEIVE = "Paho receive";
    private static final String SEND = "Paho send";
    private static final String OTHER_THREADS = "other threads";
    private static final String NOT_IN_THREADS = "GC, JIT, VM";

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> startNanos = new HashMap<>();

    /** Starts counting now. */
    ThreadCpu() {
        for (long id : THREADS.getAllThreadIds()) {
            startNanos.put(id, THREADS.getThreadCpuTime(id));
        }
    }

    /** Nanoseconds of CPU by group since this was made, given the process's and the ended threads' CPU meanwhile. */
    Map<String, Long> since(long processNanos, long endedThreadsNanos) {
        Map<String, Long> groups = new LinkedHashMap<>();
        for (String group : new String[] {CALLBACK, RECEIVE, SEND, OTHER_THREADS}) {
            groups.put(group, 0L);
        }
        long inThreads = endedThreadsNanos;
        for (long id : THREADS.getAllThreadIds()) {
            ThreadInfo thread = THREADS.getThreadInfo(id);
            long nanos = THREADS.getThreadCpuTime(id);
            if (thread != null && nanos >= 0) {
                long used = nanos - startNanos.getOrDefault(id, 0L);
                groups.merge(group(thread.getThreadName()), used, Long::sum);
                inThreads += used;
            }
        }
        groups.put(NOT_IN_THREADS, processNanos - inThreads);
        return groups;
    }

    private static String group(String threadName) {
        if (threadName.startsWith("MQTT Call")) {
            return CALLBACK;
        }
        if (threadName.startsWith("MQTT Rec")) {
            return RECEIVE;
        }
        return threadName.startsWith("MQTT Snd") ? SEND : OTHER_THREADS;
    }
}
