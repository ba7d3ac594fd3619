package fi.kivaq.dsr.letter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;

/**
 * Not a test: {@code ./mvnw -q -B -Pbenchmark test-compile exec:java}. Times rendering and sealing one multi-page
 * access letter against what PDFBox alone needs to write and sign a one-page document (same font, same key,
 * default BouncyCastle CMS) in the same JVM, interleaved so all see the same machine load. The PDFBox baseline
 * is measured twice: loading the font the usual way per document, and with the font parsed once and GSUB off
 * as the letters do.
 */
public final class LetterBenchmark {

    private static final int WARM_UP = 150;
    private static final int RUNS = 300;

    public static void main(String[] args) throws Exception {
        Path keystore = Path.of("target/benchmark/dev-seal.p12");
        SigningProperties signing = SampleLetters.signing(keystore);
        LetterService service = new LetterService(new ResponseLetterRenderer(SampleLetters.CONTROLLER, SampleLetters.MESSAGES),
                new PadesSigner(signing));
        SealCredentials credentials = SealCredentials.load(signing);
        byte[] font = readFont();
        LetterContent letter = SampleLetters.longAccessLetter("fi");

        byte[] sample = service.renderSigned(letter);
        int pages;
        try (PDDocument document = Loader.loadPDF(sample)) {
            pages = document.getNumberOfPages();
        }

        TrueTypeFont parsed = new TTFParser().parse(new RandomAccessReadBuffer(font));
        parsed.setEnableGsub(false);
        FontLoader usual = document -> PDType0Font.load(document, new RandomAccessReadBuffer(font), true, false);
        FontLoader tuned = document -> PDType0Font.load(document, parsed, true);

        for (int i = 0; i < WARM_UP; i++) {
            service.renderSigned(letter);
            pdfBoxBaseline(usual, credentials.key(), credentials.chain());
            pdfBoxBaseline(tuned, credentials.key(), credentials.chain());
        }
        long[] letterTimes = new long[RUNS];
        long[] baselineTimes = new long[RUNS];
        long[] tunedTimes = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            service.renderSigned(letter);
            letterTimes[i] = System.nanoTime() - start;
            start = System.nanoTime();
            pdfBoxBaseline(usual, credentials.key(), credentials.chain());
            baselineTimes[i] = System.nanoTime() - start;
            start = System.nanoTime();
            pdfBoxBaseline(tuned, credentials.key(), credentials.chain());
            tunedTimes[i] = System.nanoTime() - start;
        }

        double letterMedian = percentile(letterTimes, 50);
        double baselineMedian = percentile(baselineTimes, 50);
        System.out.printf(Locale.ROOT, "Letter benchmark (%d runs after %d warm-up, %d cores, Java %s)%n", RUNS,
                WARM_UP, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "  access letter, %d pages, render + PDF/A + seal: median %.1f ms, p95 %.1f ms (%d bytes)%n",
                pages, letterMedian, percentile(letterTimes, 95), sample.length);
        System.out.printf(Locale.ROOT, "  PDFBox alone, 1 page, write + sign:              median %.1f ms, p95 %.1f ms%n",
                baselineMedian, percentile(baselineTimes, 95));
        System.out.printf(Locale.ROOT, "  ratio (median letter / median PDFBox alone):     %.2f%n", letterMedian / baselineMedian);
        double tunedMedian = percentile(tunedTimes, 50);
        System.out.printf(Locale.ROOT, "  PDFBox alone, font pre-parsed and GSUB off:      median %.1f ms, p95 %.1f ms, ratio %.2f%n",
                tunedMedian, percentile(tunedTimes, 95), letterMedian / tunedMedian);
    }

    private interface FontLoader {
        PDFont load(PDDocument document) throws IOException;
    }

    /** One page, one line in the same embedded font, saved, reloaded and signed as an incremental update. */
    private static byte[] pdfBoxBaseline(FontLoader fonts, PrivateKey key, List<X509Certificate> chain)
            throws Exception {
        byte[] unsigned;
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDFont type0 = fonts.load(document);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(type0, 12);
                content.newLineAtOffset(56, 780);
                content.showText("KivaQ OyAb – DSR-2026-00042");
                content.endText();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            unsigned = out.toByteArray();
        }
        try (PDDocument document = Loader.loadPDF(unsigned)) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED);
            signature.setSignDate(Calendar.getInstance());
            document.addSignature(signature);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ExternalSigningSupport external = document.saveIncrementalForExternalSigning(out);
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder()
                    .build("EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA", key, chain.get(0)));
            generator.addCertificates(new JcaCertStore(chain));
            external.setSignature(generator.generate(
                    new CMSProcessableByteArray(external.getContent().readAllBytes()), false).getEncoded());
            return out.toByteArray();
        }
    }

    private static byte[] readFont() throws IOException {
        try (InputStream in = LetterBenchmark.class.getClassLoader()
                .getResourceAsStream("templates/fonts/DejaVuSans.ttf")) {
            return in.readAllBytes();
        }
    }

    private static double percentile(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }
}
