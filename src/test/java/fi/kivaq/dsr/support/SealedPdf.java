package fi.kivaq.dsr.support;

import java.io.IOException;
import java.util.Collection;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.text.PDFTextStripper;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;

/** Reads a mailed letter back: its text, and whether its seal verifies over the whole signed byte range. */
public final class SealedPdf {

    private SealedPdf() {
    }

    public static String text(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when the last signature's CMS verifies over its ByteRange and that range covers the whole file. */
    @SuppressWarnings("unchecked")
    public static boolean sealIntact(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDSignature signature = document.getLastSignatureDictionary();
            if (signature == null) {
                return false;
            }
            int[] range = signature.getByteRange();
            if (range[0] != 0 || range[2] + range[3] != pdf.length) {
                return false;
            }
            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signature.getSignedContent(pdf)),
                    signature.getContents(pdf));
            SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
            Collection<X509CertificateHolder> certificates = cms.getCertificates().getMatches(signer.getSID());
            return signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificates.iterator().next()));
        } catch (Exception e) {
            return false;
        }
    }
}
