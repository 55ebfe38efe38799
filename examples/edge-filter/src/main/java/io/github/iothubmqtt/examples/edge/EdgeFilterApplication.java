package io.github.iothubmqtt.examples.edge;

import org.apache.camel.main.Main;

/**
 * Runs the sensor and filter modules on camel-main, configured by application.properties. Without module connection
 * strings it runs against an embedded emulator in edge mode until three alerts reached the cloud, then stops.
 */
public final class EdgeFilterApplication {

    private EdgeFilterApplication() {
    }

    public static void main(String... args) throws Exception {
        newMain().run(args);
    }

    static Main newMain() {
        Main main = new Main();
        main.configure().addConfiguration(new EdgeHubConnection());
        main.configure().addRoutesBuilder(new EdgeFilterRoutes());
        return main;
    }
}
