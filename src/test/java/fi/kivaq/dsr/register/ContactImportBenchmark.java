package fi.kivaq.dsr.register;

import java.io.ByteArrayOutputStream;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import fi.kivaq.dsr.DsrApplication;

/**
 * Not a test: {@code bench/import-benchmark.sh} (or {@code ./mvnw -q -B -Pimport-benchmark test-compile exec:java
 * [-Ddsr.bench.db=jdbc:postgresql://…]}). Starts the application on a scratch database (an in-memory H2 unless
 * told otherwise), makes a Windows-1252 CSV of 100,000 fictional contacts in 1,000 organisations (half of them with
 * a newsletter consent), and times its dry run, its application, and its second application (which changes
 * nothing), printing the figures.
 */
public final class ContactImportBenchmark {

    private static final int ROWS = 100_000;
    private static final int ORGANISATIONS = 1_000;

    public static void main(String[] args) {
        String url = System.getProperty("dsr.bench.db", "jdbc:h2:mem:importbench;DB_CLOSE_DELAY=-1");
        ConfigurableApplicationContext app = SpringApplication.run(DsrApplication.class,
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + System.getProperty("dsr.bench.user", url.contains(":h2:") ? "sa" : "postgres"),
                "--spring.datasource.password=" + System.getProperty("dsr.bench.password", ""),
                "--server.port=-1", "--dsr.demo.enabled=false", "--dsr.mail-sink.enabled=false",
                "--camunda.bpm.job-execution.enabled=false", "--logging.level.root=WARN");
        try {
            ContactImport contactImport = app.getBean(ContactImport.class);
            byte[] file = file();
            // some of the file's addresses were erased before: every row is checked against the list
            NewsletterSuppression suppression = app.getBean(NewsletterSuppression.class);
            for (int i = 1; i < ROWS; i += ROWS / 100) {
                suppression.suppress("HENKILO." + i + "@yritys" + (i % ORGANISATIONS) + ".example");
            }
            System.out.printf("file: %d rows, %.1f MB, windows-1252, on %s%n", ROWS, file.length / 1e6, url);
            time("dry run", () -> contactImport.dryRun(file, "benchmark"));
            time("apply (all new)", () -> contactImport.apply(file, "benchmark"));
            time("apply again (nothing changes)", () -> contactImport.apply(file, "benchmark"));
        } finally {
            app.close();
        }
    }

    private static void time(String what, java.util.function.Supplier<ContactImport.Report> run) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        ContactImport.Report report = run.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        // with H2 in memory the database works on this thread too: CPU time is the cost on an idle machine
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        System.out.printf("%-30s %6.1f s wall, %6.1f s CPU, load average %.1f  (%d created, %d updated, %d unchanged, %d invalid, %d new organisations)%n",
                what, seconds, cpu,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                report.count(ContactImport.Outcome.CREATE), report.count(ContactImport.Outcome.UPDATE),
                report.count(ContactImport.Outcome.UNCHANGED), report.problems().size(), report.newOrganisations());
    }

    private static byte[] file() {
        StringBuilder csv = new StringBuilder(ROWS * 120);
        csv.append("nimi;sähköposti;organisaatio;y-tunnus;rooli;kieli;lähde;uutiskirje;suostumus pvm;"
                + "suostumuskanava;viimeisin aktiivisuus\r\n");
        String[] languages = {"fi", "sv", "en"};
        for (int i = 0; i < ROWS; i++) {
            int organisation = i % ORGANISATIONS;
            boolean subscribed = i % 2 == 0;
            csv.append("Hännikäinen-Åström ").append(i).append(';')
                    .append("henkilo.").append(i).append("@yritys").append(organisation).append(".example;")
                    .append("Yritys ").append(organisation).append(" Oy;")
                    .append(String.format("%07d-%d", organisation, organisation % 10)).append(';')
                    .append("Yhteyshenkilö;").append(languages[i % 3]).append(";ORDER_FORM;")
                    .append(subscribed ? "kyllä;12.3.2025;ORDER_FORM;" : "ei;;;")
                    .append("2.10.2025\r\n");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(csv.toString().getBytes(java.nio.charset.Charset.forName("windows-1252")));
        return out.toByteArray();
    }

    private ContactImportBenchmark() {
    }
}
