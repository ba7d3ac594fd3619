package fi.kivaq.dsr.web;

import java.util.List;

import org.springframework.stereotype.Component;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

import fi.kivaq.dsr.shared.ControllerProperties;
import fi.kivaq.dsr.shared.Language;

/**
 * What every page may show without its controller putting it in the model: the company's details
 * ({@code ${controller.name()}}, from {@code dsr.controller.*}) and our languages for the language switch
 * ({@code ${languages}}), and dates and times in the reader's language ({@code ${formats.dateTime(…)}}, {@link Formats}).
 */
@Component
class PageVariables {

    PageVariables(ThymeleafViewResolver views, ControllerProperties controller) {
        views.addStaticVariable("controller", controller);
        views.addStaticVariable("languages", List.of(Language.values()));
        views.addStaticVariable("formats", new Formats());
        views.addStaticVariable("staff", new StaffPages());
    }
}
