package io.github.iothubmqtt.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.apache.camel.catalog.CamelCatalog;
import org.apache.camel.catalog.DefaultCamelCatalog;
import org.apache.camel.catalog.EndpointValidationResult;
import org.apache.camel.tooling.model.ComponentModel;
import org.apache.camel.tooling.model.JsonMapper;

/** Apache Camel's catalog, extended with our component from the descriptor this module ships, as a tool would do. */
final class ComponentCatalog {

    static final String DESCRIPTOR = "io/github/iothubmqtt/catalog/components/iothub-mqtt.json";

    private final CamelCatalog catalog = new DefaultCamelCatalog();
    private final ComponentModel component;

    ComponentCatalog() {
        // tag::load-descriptor[]
        String json = readDescriptor(); // io/github/iothubmqtt/catalog/components/iothub-mqtt.json from this jar
        component = JsonMapper.generateComponentModel(json);
        catalog.addComponent(component.getScheme(), component.getJavaType(), json);
        // end::load-descriptor[]
    }

    ComponentModel component() {
        return component;
    }

    String catalogVersion() {
        return catalog.getCatalogVersion();
    }

    EndpointValidationResult validate(String uri) {
        return catalog.validateEndpointProperties(uri);
    }

    private static String readDescriptor() {
        try (InputStream in = ComponentCatalog.class.getClassLoader().getResourceAsStream(DESCRIPTOR)) {
            if (in == null) {
                throw new IllegalStateException(DESCRIPTOR + " is not on the classpath: the build copies it from the"
                        + " component jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
