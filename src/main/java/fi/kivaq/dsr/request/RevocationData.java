package fi.kivaq.dsr.request;

import java.io.IOException;
import java.io.InputStream;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;

/**
 * The revocation data that came with a signed PDF, from every place a signing tool puts it: the CMS signature's
 * {@code crls} field and its OCSP responses ({@code id-ri-ocsp-response} other revocation info), Adobe's signed
 * attribute {@code adbe-revocationInfoArchival} (1.2.840.113583.1.1.8: CRLs and OCSP responses), and the PDF's
 * document security store {@code /DSS} ({@code /Certs}, {@code /CRLs}, {@code /OCSPs}, and the same per signature
 * under {@code /VRI}). Only read here, never trusted: {@link SignerTrust} uses a CRL only if the certificate's issuer
 * signed it and an OCSP response only if the issuer or its delegated responder signed it. Nothing is fetched over the
 * network. Items that cannot be parsed are skipped; at most {@link #MAX_ITEMS} of each kind are read.
 */
final class RevocationData {

    /** Bounds the work a file stuffed with revocation data can cause. */
    static final int MAX_ITEMS = 100;

    static final ASN1ObjectIdentifier ADBE_REVOCATION_INFO_ARCHIVAL = new ASN1ObjectIdentifier("1.2.840.113583.1.1.8");

    private static final COSName DSS = COSName.getPDFName("DSS");
    private static final COSName VRI = COSName.getPDFName("VRI");
    private static final COSName CERTS = COSName.getPDFName("Certs");
    private static final COSName CRLS = COSName.getPDFName("CRLs");
    private static final COSName OCSPS = COSName.getPDFName("OCSPs");
    private static final COSName CERT = COSName.getPDFName("Cert");
    private static final COSName CRL = COSName.getPDFName("CRL");
    private static final COSName OCSP = COSName.getPDFName("OCSP");

    private final List<X509Certificate> certificates = new ArrayList<>();
    private final List<X509CRL> crls = new ArrayList<>();
    private final List<BasicOCSPResp> ocspResponses = new ArrayList<>();

    static RevocationData none() {
        return new RevocationData();
    }

    List<X509Certificate> certificates() {
        return certificates;
    }

    List<X509CRL> crls() {
        return crls;
    }

    List<BasicOCSPResp> ocspResponses() {
        return ocspResponses;
    }

    /** This and the other's data together. */
    RevocationData with(RevocationData other) {
        RevocationData both = new RevocationData();
        both.certificates.addAll(certificates);
        both.certificates.addAll(other.certificates);
        both.crls.addAll(crls);
        both.crls.addAll(other.crls);
        both.ocspResponses.addAll(ocspResponses);
        both.ocspResponses.addAll(other.ocspResponses);
        return both;
    }

    /** The document security store of the PDF (its catalog's {@code /DSS}), with every {@code /VRI} entry. */
    static RevocationData fromDss(COSDictionary catalog) {
        RevocationData data = new RevocationData();
        COSDictionary dss = dictionary(catalog.getDictionaryObject(DSS));
        if (dss == null) {
            return data;
        }
        data.read(dss, CERTS, CRLS, OCSPS);
        COSDictionary vri = dictionary(dss.getDictionaryObject(VRI));
        if (vri != null) {
            int entries = 0;
            for (COSName key : vri.keySet()) {
                if (++entries > MAX_ITEMS) {
                    break;
                }
                COSDictionary entry = dictionary(vri.getDictionaryObject(key));
                if (entry != null) {
                    data.read(entry, CERT, CRL, OCSP);
                }
            }
        }
        return data;
    }

    /** What the signature itself carries: the CMS {@code crls} field, its OCSP responses, Adobe's archival attribute. */
    @SuppressWarnings("unchecked")
    static RevocationData fromSignature(CMSSignedData cms, SignerInformation signer) {
        RevocationData data = new RevocationData();
        for (X509CRLHolder holder : (Collection<X509CRLHolder>) cms.getCRLs().getMatches(null)) {
            data.addCrl(holder.toASN1Structure());
        }
        try {
            for (Object response : cms.getOtherRevocationInfo(CMSObjectIdentifiers.id_ri_ocsp_response).getMatches(null)) {
                data.addOcsp(OCSPResponse.getInstance(response));
            }
        } catch (RuntimeException e) {
            // no or unreadable OCSP responses in the CMS: nothing to add
        }
        if (signer.getSignedAttributes() != null) {
            Attribute archival = signer.getSignedAttributes().get(ADBE_REVOCATION_INFO_ARCHIVAL);
            if (archival != null && archival.getAttrValues().size() > 0) {
                data.readArchival(archival.getAttrValues().getObjectAt(0));
            }
        }
        return data;
    }

    /**
     * {@code RevocationInfoArchival ::= SEQUENCE { crl [0] EXPLICIT SEQUENCE OF CRLs OPTIONAL,
     * ocsp [1] EXPLICIT SEQUENCE OF OCSPResponse OPTIONAL, otherRevInfo [2] EXPLICIT SEQUENCE OF OtherRevInfo OPTIONAL }}
     */
    private void readArchival(ASN1Encodable value) {
        try {
            for (ASN1Encodable element : ASN1Sequence.getInstance(value)) {
                ASN1TaggedObject tagged = ASN1TaggedObject.getInstance(element);
                ASN1Sequence items = ASN1Sequence.getInstance(tagged.getExplicitBaseObject());
                for (ASN1Encodable item : items) {
                    switch (tagged.getTagNo()) {
                        case 0 -> addCrl(CertificateList.getInstance(item));
                        case 1 -> addOcsp(OCSPResponse.getInstance(item));
                        default -> {
                            // other revocation information: not a format we read
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            // a malformed attribute adds nothing
        }
    }

    private void read(COSDictionary dictionary, COSName certs, COSName crlsName, COSName ocsps) {
        for (byte[] der : streams(dictionary, certs)) {
            try {
                if (certificates.size() < MAX_ITEMS) {
                    certificates.add(new JcaX509CertificateConverter().getCertificate(new X509CertificateHolder(der)));
                }
            } catch (Exception e) {
                // not a certificate: skipped
            }
        }
        for (byte[] der : streams(dictionary, crlsName)) {
            try {
                addCrl(CertificateList.getInstance(der));
            } catch (RuntimeException e) {
                // not a CRL: skipped
            }
        }
        for (byte[] der : streams(dictionary, ocsps)) {
            try {
                addOcsp(OCSPResponse.getInstance(der));
            } catch (RuntimeException e) {
                // not an OCSP response: skipped
            }
        }
    }

    private void addCrl(CertificateList list) {
        if (crls.size() >= MAX_ITEMS) {
            return;
        }
        try {
            crls.add(new JcaX509CRLConverter().getCRL(new X509CRLHolder(list)));
        } catch (Exception e) {
            // not a CRL the JDK can read: skipped
        }
    }

    private void addOcsp(OCSPResponse response) {
        if (ocspResponses.size() >= MAX_ITEMS) {
            return;
        }
        try {
            OCSPResp resp = new OCSPResp(response);
            if (resp.getStatus() == OCSPResp.SUCCESSFUL && resp.getResponseObject() instanceof BasicOCSPResp basic) {
                ocspResponses.add(basic);
            }
        } catch (Exception e) {
            // not a basic OCSP response: skipped
        }
    }

    /** The decoded data of the streams in the dictionary's array {@code name} (PdfStreamBudget measured them). */
    private static List<byte[]> streams(COSDictionary dictionary, COSName name) {
        List<byte[]> data = new ArrayList<>();
        COSBase value = dictionary.getDictionaryObject(name);
        if (!(value instanceof COSArray array)) {
            return data;
        }
        for (int i = 0; i < array.size() && i < MAX_ITEMS; i++) {
            COSBase item = array.getObject(i);
            if (item instanceof COSStream stream) {
                try (InputStream in = stream.createInputStream()) {
                    data.add(in.readAllBytes());
                } catch (IOException e) {
                    // unreadable stream: skipped
                }
            }
        }
        return data;
    }

    private static COSDictionary dictionary(COSBase value) {
        COSBase resolved = value instanceof COSObject object ? object.getObject() : value;
        return resolved instanceof COSDictionary dictionary && !(resolved instanceof COSStream) ? dictionary : null;
    }
}
