package fi.kivaq.dsr;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class DsrApplication {

    /**
     * {@code import <file.csv> [--apply]}: the register import from the command line. It listens on no port
     * ({@code server.port=-1}: the pages' beans are there, the server is not) and runs no jobs, then exits.
     */
    public static void main(String[] args) {
        boolean command = args.length > 0 && "import".equals(args[0]);
        if (command) {
            args = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                    java.util.stream.Stream.of("--server.port=-1", "--camunda.bpm.job-execution.enabled=false"))
                    .toArray(String[]::new);
        }
        ConfigurableApplicationContext context = SpringApplication.run(DsrApplication.class, args);
        if (command) {
            System.exit(SpringApplication.exit(context));
        }
    }
}
