package io.github.iothubmqtt.camel.session;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the sessions of one component share.
 *
 * @param scheduler   timers only (keep-alive pings, renewals, reconnects, sweeps): short tasks that never block and
 *                    never run a route, or one slow route would stall every identity's keep-alive
 * @param work        everything that may block or run a route: failed sends completing, retired connections closing
 * @param clientLoops where Paho runs each connection's loops
 * @param connects    the pace of connects, reconnects and renewals
 * @param renewals    when each identity renews its SAS token
 */
public record SessionExecutors(ScheduledExecutorService scheduler, Executor work, ClientLoops clientLoops,
        ConnectPacer connects, RenewalPlanner renewals) {
}
