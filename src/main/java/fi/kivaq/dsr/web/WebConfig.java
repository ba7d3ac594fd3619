package fi.kivaq.dsr.web;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.support.RequestContextUtils;

import fi.kivaq.dsr.shared.Language;

/**
 * Public pages speak Finnish unless the visitor picks Swedish or English ({@code ?lang=sv}); staff pages start in the
 * browser's language if it is one of ours. The choice ({@code ?lang=} on any page) is kept in a cookie for a year.
 */
@Configuration
class WebConfig implements WebMvcConfigurer {

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("dsr-lang");
        resolver.setDefaultLocale(Language.DEFAULT.locale());
        resolver.setCookieMaxAge(Duration.ofDays(365));
        // only our three languages: anything else in the cookie falls back to Finnish (staff: the browser's)
        resolver.setDefaultLocaleFunction(request -> StaffPages.isStaffPage(request)
                ? StaffPages.browserLanguage(request) : Language.DEFAULT.locale());
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                Language.fromCode(request.getParameter("lang")).ifPresent(language ->
                        RequestContextUtils.getLocaleResolver(request).setLocale(request, response, language.locale()));
                return true;
            }
        });
    }
}
