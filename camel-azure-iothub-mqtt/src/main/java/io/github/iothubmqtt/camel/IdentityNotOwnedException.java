package io.github.iothubmqtt.camel;

/**
 * A producer's identity is connected by another replica: with a cluster service, only the replica that leads the
 * identity's cluster namespace opens its connection ({@code notOwnedPolicy}).
 */
public class IdentityNotOwnedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public IdentityNotOwnedException(String clientId, String namespace, long waitedMillis) {
        super("Identity " + clientId + " is connected by another replica: this one does not lead cluster namespace "
                + namespace + (waitedMillis > 0 ? " (waited " + waitedMillis + " ms)" : ""));
    }
}
