package fi.kivaq.dsr.shared;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.ProcessEngineFactoryBean;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Flyway migrates our tables before the process engine creates its own. Without this the order is whatever the
 * bean graph happens to be, and Flyway refuses a schema that already holds Camunda's tables but no Flyway history.
 */
@Configuration
class EngineAfterFlyway {

    private static final String FLYWAY = "flywayInitializer";

    @Bean
    static BeanFactoryPostProcessor processEngineDependsOnFlyway() {
        return EngineAfterFlyway::addDependency;
    }

    private static void addDependency(ConfigurableListableBeanFactory beanFactory) {
        if (!beanFactory.containsBeanDefinition(FLYWAY)) {
            return;
        }
        List<String> engineBeans = new ArrayList<>();
        engineBeans.addAll(Arrays.asList(beanFactory.getBeanNamesForType(ProcessEngineFactoryBean.class, true, false)));
        engineBeans.addAll(Arrays.asList(beanFactory.getBeanNamesForType(ProcessEngineConfigurationImpl.class, true, false)));
        for (String name : engineBeans) {
            BeanDefinition definition = beanFactory.getBeanDefinition(name.startsWith("&") ? name.substring(1) : name);
            List<String> dependsOn = new ArrayList<>();
            if (definition.getDependsOn() != null) {
                dependsOn.addAll(Arrays.asList(definition.getDependsOn()));
            }
            if (!dependsOn.contains(FLYWAY)) {
                dependsOn.add(FLYWAY);
                definition.setDependsOn(dependsOn.toArray(String[]::new));
            }
        }
    }
}
