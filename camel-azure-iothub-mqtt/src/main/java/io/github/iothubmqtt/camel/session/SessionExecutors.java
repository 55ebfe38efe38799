package io.github.iothubmqtt.camel.session;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The threads sessions share.
 *
 * @param scheduler timers only (keep-alive pings, renewals, reconnects, sweeps): short tasks that never block and
 *                  never run a route, or one slow route would stall every identity's keep-alive
 * @param work      everything that may block or run a route: failed sends completing, retired connections closing
 */
public record SessionExecutors(ScheduledExecutorService scheduler, Executor work) {
}
