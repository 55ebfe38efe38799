package io.github.iothubmqtt.camel.springboot;

import io.github.iothubmqtt.camel.IotHubMqttComponent;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;

/**
 * Applies {@code camel.component.iothub-mqtt.*} to the component when Camel creates it, as Camel's own starters do;
 * {@code camel.component.iothub-mqtt.enabled=false} or {@code ...customizer.enabled=false} turns that off.
 */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@EnableConfigurationProperties({ComponentConfigurationProperties.class, IotHubMqttComponentConfiguration.class})
@ConditionalOnHierarchicalProperties({"camel.component", "camel.component.iothub-mqtt"})
public class IotHubMqttComponentAutoConfiguration {

    @Lazy
    @Bean
    public ComponentCustomizer configureIotHubMqttComponent(ApplicationContext applicationContext,
            IotHubMqttComponentConfiguration configuration) {
        return new ComponentCustomizer() {
            @Override
            public void configure(String name, Component target) {
                CamelPropertiesHelper.copyProperties(target.getCamelContext(), configuration, target);
            }

            @Override
            public boolean isEnabled(String name, Component target) {
                return HierarchicalPropertiesEvaluator.evaluate(applicationContext, "camel.component.customizer",
                        "camel.component.iothub-mqtt.customizer") && target instanceof IotHubMqttComponent;
            }
        };
    }
}
