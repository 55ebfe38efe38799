package io.github.iothubmqtt.examples.springboot;

import io.github.iothubmqtt.examples.thermostat.ThermostatRoutes;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The thermostat on Spring Boot. The device's hub connection is in application.properties only
 * ({@code camel.component.iothub-mqtt.*}, applied by the starter).
 */
// tag::application[]
@SpringBootApplication
public class ThermostatSpringBootApplication {

    public static void main(String[] args) {
        SpringApplication.run(ThermostatSpringBootApplication.class, args);
    }

    /** Camel Spring Boot starts every RouteBuilder bean. */
    @Bean
    ThermostatRoutes thermostatRoutes() {
        return new ThermostatRoutes();
    }
}
// end::application[]
