package fi.kivaq.dsr.letter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.GregorianCalendar;
import java.util.Map;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;

/**
 * What makes a letter PDF/A-3b besides embedded fonts: XMP metadata that matches the document information,
 * the sRGB output intent (profile from {@code icc-profiles-free}, shipped under {@code templates/icc/}) and
 * associated files ({@code /AF}) for the machine-readable copy.
 */
final class PdfA3 {

    private static final String ICC_PROFILE = "templates/icc/sRGB.icc";
    private static final String PRODUCER = "KivaQ DSR (Apache PDFBox)";
    private static final DateTimeFormatter XMP_DATE = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final byte[] iccProfile;

    PdfA3() {
        try (InputStream in = PdfA3.class.getClassLoader().getResourceAsStream(ICC_PROFILE)) {
            if (in == null) {
                throw new IllegalStateException("Missing ICC profile " + ICC_PROFILE);
            }
            this.iccProfile = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Description(String title, String subject, String author, String language, ZonedDateTime created) {
    }

    void declare(PDDocument document, Description description) throws IOException {
        document.setVersion(1.7f);
        ZonedDateTime created = description.created().truncatedTo(ChronoUnit.SECONDS);
        GregorianCalendar calendar = GregorianCalendar.from(created);

        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(description.title());
        info.setSubject(description.subject());
        info.setAuthor(description.author());
        info.setCreator(PRODUCER);
        info.setProducer(PRODUCER);
        info.setCreationDate(calendar);
        info.setModificationDate(calendar);

        PDDocumentCatalog catalog = document.getDocumentCatalog();
        catalog.setLanguage(description.language());
        PDMetadata metadata = new PDMetadata(document);
        metadata.importXMPMetadata(xmp(description, created).getBytes(StandardCharsets.UTF_8));
        catalog.setMetadata(metadata);

        PDOutputIntent intent = new PDOutputIntent(document, new ByteArrayInputStream(iccProfile));
        intent.setInfo("sRGB IEC61966-2.1");
        intent.setOutputCondition("sRGB IEC61966-2.1");
        intent.setOutputConditionIdentifier("sRGB IEC61966-2.1");
        intent.setRegistryName("http://www.color.org");
        catalog.addOutputIntent(intent);
    }

    /** Embeds {@code data} as an associated file with relationship {@code /Data} (PDF/A-3, ISO 32000-2 14.13). */
    void attachData(PDDocument document, String fileName, String mimeType, String description, byte[] data,
            ZonedDateTime created) throws IOException {
        GregorianCalendar calendar = GregorianCalendar.from(created.truncatedTo(ChronoUnit.SECONDS));
        PDEmbeddedFile embedded = new PDEmbeddedFile(document, new ByteArrayInputStream(data));
        embedded.setSubtype(mimeType);
        embedded.setSize(data.length);
        embedded.setCreationDate(calendar);
        embedded.setModDate(calendar);

        PDComplexFileSpecification spec = new PDComplexFileSpecification();
        spec.setFile(fileName);
        spec.setFileUnicode(fileName);
        spec.setFileDescription(description);
        spec.setEmbeddedFile(embedded);
        spec.setEmbeddedFileUnicode(embedded);
        spec.getCOSObject().setName(COSName.getPDFName("AFRelationship"), "Data");

        PDDocumentCatalog catalog = document.getDocumentCatalog();
        COSArray associated = new COSArray();
        associated.add(spec);
        catalog.getCOSObject().setItem(COSName.getPDFName("AF"), associated);

        // also list it in the name tree, so that readers show it among the attachments
        PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
        tree.setNames(Map.of(fileName, spec));
        PDDocumentNameDictionary names = new PDDocumentNameDictionary(catalog);
        names.setEmbeddedFiles(tree);
        catalog.setNames(names);
    }

    private static String xmp(Description d, ZonedDateTime created) {
        String date = XMP_DATE.format(created);
        return "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                + " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                + "  <rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
                + "   <pdfaid:part>3</pdfaid:part>\n"
                + "   <pdfaid:conformance>B</pdfaid:conformance>\n"
                + "  </rdf:Description>\n"
                + "  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
                + "   <dc:format>application/pdf</dc:format>\n"
                + "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml(d.title()) + "</rdf:li></rdf:Alt></dc:title>\n"
                + "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml(d.subject())
                + "</rdf:li></rdf:Alt></dc:description>\n"
                + "   <dc:creator><rdf:Seq><rdf:li>" + xml(d.author()) + "</rdf:li></rdf:Seq></dc:creator>\n"
                + "   <dc:language><rdf:Bag><rdf:li>" + xml(d.language()) + "</rdf:li></rdf:Bag></dc:language>\n"
                + "  </rdf:Description>\n"
                + "  <rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n"
                + "   <xmp:CreatorTool>" + PRODUCER + "</xmp:CreatorTool>\n"
                + "   <xmp:CreateDate>" + date + "</xmp:CreateDate>\n"
                + "   <xmp:ModifyDate>" + date + "</xmp:ModifyDate>\n"
                + "   <xmp:MetadataDate>" + date + "</xmp:MetadataDate>\n"
                + "  </rdf:Description>\n"
                + "  <rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
                + "   <pdf:Producer>" + PRODUCER + "</pdf:Producer>\n"
                + "  </rdf:Description>\n"
                + " </rdf:RDF>\n"
                + "</x:xmpmeta>\n"
                + "<?xpacket end=\"w\"?>";
    }

    private static String xml(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
