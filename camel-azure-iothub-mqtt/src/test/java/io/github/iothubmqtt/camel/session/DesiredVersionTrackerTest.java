package io.github.iothubmqtt.camel.session;

import static io.github.iothubmqtt.camel.session.DesiredVersionTracker.Action.DELIVER;
import static io.github.iothubmqtt.camel.session.DesiredVersionTracker.Action.DROP;
import static io.github.iothubmqtt.camel.session.DesiredVersionTracker.Action.RESYNC;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DesiredVersionTrackerTest {

    private final DesiredVersionTracker tracker = new DesiredVersionTracker();

    @Test
    void theFirstReadIsAlwaysDeliveredAsTheBaseline() {
        assertThat(tracker.lastDelivered()).isNull();
        assertThat(tracker.onTwinRead(1)).isTrue();
        assertThat(tracker.lastDelivered()).isEqualTo(1);
    }

    @Test
    void aNotificationBeforeAnyReadAsksForAResync() {
        assertThat(tracker.onNotification(3)).isEqualTo(RESYNC);
        assertThat(tracker.lastDelivered()).isNull();
    }

    @Test
    void consecutiveNotificationsAreDeliveredOnceEach() {
        tracker.onTwinRead(4);
        assertThat(tracker.onNotification(5)).isEqualTo(DELIVER);
        assertThat(tracker.onNotification(5)).isEqualTo(DROP);
        assertThat(tracker.onNotification(4)).isEqualTo(DROP);
        assertThat(tracker.onNotification(6)).isEqualTo(DELIVER);
        assertThat(tracker.lastDelivered()).isEqualTo(6);
    }

    @Test
    void aVersionJumpAsksForAResyncAndTheReadCatchesUp() {
        tracker.onTwinRead(2);
        assertThat(tracker.onNotification(5)).isEqualTo(RESYNC);
        assertThat(tracker.lastDelivered()).isEqualTo(2);
        assertThat(tracker.onTwinRead(5)).isTrue();
        assertThat(tracker.onNotification(5)).isEqualTo(DROP);
    }

    @Test
    void aReconnectReadDeliversOnlyWhatChangedWhileOffline() {
        tracker.onTwinRead(2);
        assertThat(tracker.onNotification(3)).isEqualTo(DELIVER);
        assertThat(tracker.onTwinRead(3)).as("nothing changed while offline").isFalse();
        assertThat(tracker.onTwinRead(7)).as("changed while offline").isTrue();
        assertThat(tracker.onTwinRead(7)).isFalse();
    }
}
