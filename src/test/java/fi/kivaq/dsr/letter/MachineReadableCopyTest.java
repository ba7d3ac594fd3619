package fi.kivaq.dsr.letter;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import fi.kivaq.dsr.shared.AccessExtract;

class MachineReadableCopyTest {

    private final ResponseLetterRenderer renderer = new ResponseLetterRenderer(SampleLetters.CONTROLLER, SampleLetters.MESSAGES);
    private final ObjectMapper json = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    @Test
    void accessLetterEmbedsTheExtractAsAssociatedJsonFile() throws Exception {
        AccessExtract extract = SampleLetters.longExtract();
        LetterContent content = SampleLetters.longAccessLetter("sv");
        assertThat(content.extract()).isEqualTo(extract);

        byte[] pdf = renderer.render(content);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDDocumentCatalog catalog = document.getDocumentCatalog();
            COSArray associated = catalog.getCOSObject().getCOSArray(COSName.getPDFName("AF"));
            assertThat(associated).isNotNull();
            assertThat(associated.size()).isEqualTo(1);
            PDComplexFileSpecification spec = new PDComplexFileSpecification(
                    (COSDictionary) associated.getObject(0));
            assertThat(spec.getFilename()).isEqualTo("data.json");
            assertThat(spec.getFileUnicode()).isEqualTo("data.json");
            assertThat(spec.getCOSObject().getNameAsString("AFRelationship")).isEqualTo("Data");
            PDEmbeddedFile file = spec.getEmbeddedFile();
            assertThat(file.getSubtype()).isEqualTo("application/json");
            assertThat(catalog.getNames().getEmbeddedFiles().getNames()).containsKey("data.json");

            JsonNode root = json.readTree(file.toByteArray());
            assertThat(root.get("format").asText()).isEqualTo("kivaq-dsr-access-extract/1");
            assertThat(root.get("reference").asText()).isEqualTo("DSR-2026-00099");
            assertThat(root.get("controller").asText()).isEqualTo("KivaQ OyAb");
            assertThat(root.get("answeredOn").asText()).isEqualTo("2026-06-03");
            assertThat(root.at("/data/consentHistory/0/at").asText()).isEqualTo("2020-01-01T09:00:00Z");
            assertThat(json.treeToValue(root.get("data"), AccessExtract.class)).isEqualTo(extract);
        }
    }

    @Test
    void otherLettersEmbedNoFile() throws Exception {
        byte[] pdf = renderer.render(SampleLetters.letter(LetterType.ACCESS_NO_DATA, "fi"));
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getDocumentCatalog().getCOSObject().containsKey(COSName.getPDFName("AF"))).isFalse();
            assertThat(document.getDocumentCatalog().getNames()).isNull();
        }
    }
}
