package fi.kivaq.dsr.web;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

import fi.kivaq.dsr.shared.ControllerProperties;
import fi.kivaq.dsr.shared.TextBundles;

/**
 * What every page of a {@code @WebMvcTest} slice needs besides its controller, as the application sets it up: the
 * text bundles, and the variables all pages read ({@code ${controller}} from {@code dsr.controller.*},
 * {@code ${languages}}).
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(ControllerProperties.class)
@Import({PageVariables.class, TextBundles.class})
public class PageSlice {
}
