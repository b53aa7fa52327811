package org.retro278.x12;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xlate.edi.stream.EDIStreamWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.retro278.build.X12Checks;
import org.retro278.config.InterchangeIds;
import org.retro278.config.PayerProfile;
import org.retro278.config.RetroPolicy;
import org.retro278.model.Attachment;
import org.retro278.model.Dependent;
import org.retro278.model.Gender;
import org.retro278.model.PatientEvent;
import org.retro278.model.Payer;
import org.retro278.model.PersonName;
import org.retro278.model.Provider;
import org.retro278.model.RequestCategory;
import org.retro278.model.Requester;
import org.retro278.model.RetroAuthorizationRequest;
import org.retro278.model.RetroReason;
import org.retro278.model.ServiceLine;
import org.retro278.model.Subscriber;
import org.retro278.x12.validation.ValidationResult;

/** The request writer: shapes of the hierarchy, and every shape validates against 005010X217. */
class Request278WriterTest {

    static final LocalDateTime CREATED = LocalDateTime.of(2026, 11, 15, 9, 30);

    static PayerProfile payer(Delimiters d) {
        return new PayerProfile("PAYERA", "Acme Health Plan", new InterchangeIds("ZZ", "SUBMITTER", "ZZ", "RECEIVER", "SUBMITTER", "RECEIVER"),
                'T', true, d, new RetroPolicy(true, 90, false), 5000);
    }

    static RetroAuthorizationRequest professional() {
        return new RetroAuthorizationRequest("CLM9", new Payer("PAYERA", "Acme Health Plan"),
                new Requester("1234567893", "Riverside Family Clinic", null, null),
                new Subscriber("AHP1", new PersonName("Okafor", "Adaeze"), LocalDate.of(1984, 3, 12), Gender.F), null,
                new PatientEvent(RequestCategory.HS, "I", "86", "23", "03", null, null, null),
                List.of(new ServiceLine("99284", List.of(), null, BigDecimal.ONE, null, LocalDate.of(2026, 10, 2), null, null)),
                List.of("S52501A"), null, RetroReason.EMERGENCY, null);
    }

    static RetroAuthorizationRequest admissionWithDependent() {
        return new RetroAuthorizationRequest("CLM10", new Payer("PAYERA", "Acme Health Plan"),
                new Requester("1678901236", "Haddad", "Samir", "207R00000X"),
                new Subscriber("AHP2", new PersonName("Petrov", "Ivan"), LocalDate.of(1970, 5, 9), Gender.M),
                new Dependent("01", new PersonName("Petrova", "Elena"), LocalDate.of(1972, 8, 17), Gender.F),
                new PatientEvent(RequestCategory.AR, "I", "48", "21", "U", LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 4),
                        new Provider("1456789027", "Riverside General Hospital", null)),
                List.of(new ServiceLine("99223", List.of("25", "59"), "0450", new BigDecimal("1.50"), new BigDecimal("1250.00"),
                                LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 3), new Provider("1567890128", "Oduya", "Grace")),
                        new ServiceLine("27236", List.of(), "0360", BigDecimal.ONE, null, LocalDate.of(2026, 9, 2), null, null)),
                List.of("S72001A", "W19XXXA"), new Attachment("DS", "EL", "ACN77"), RetroReason.ADMIN_DELAY, "Portal outage");
    }

    static String interchange(Delimiters d, RetroAuthorizationRequest... requests) throws Exception {
        PayerProfile p = payer(d);
        EnvelopeWriter env = new EnvelopeWriter(p);
        Request278Writer writer = new Request278Writer("9RETRO2780", d);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EDIStreamWriter w = env.open(out);
        env.writeHeader(w, 42, 7, CREATED);
        long st = 1;
        for (RetroAuthorizationRequest r : requests) {
            writer.write(w, r, RequestIdentifiers.forClaim(r.claimId(), st++, CREATED));
        }
        env.writeTrailer(w, requests.length, 42, 7);
        w.close();
        return out.toString(StandardCharsets.UTF_8);
    }

    static void assertValid(String x12) throws Exception {
        ValidationResult v = X12Checks.validator().validate(new ByteArrayInputStream(x12.getBytes(StandardCharsets.UTF_8)));
        assertTrue(v.clean(), () -> v.problems() + "\n" + x12);
    }

    @Test
    void minimalProfessionalRequest() throws Exception {
        String x = interchange(Delimiters.STANDARD, professional());
        assertValid(x);
        assertTrue(x.contains("BHT*0007*13*CLM9-202611150930-1*20261115*0930~"), x);
        assertTrue(x.contains("HL*4*3*EV*1~TRN*1*CLM9-1*9RETRO2780~UM*HS*I*86*23:B**03~DTP*AAH*D8*20261002~HI*ABK:S52501A~"
                + "MSG*Retro review requested. Emergency care was given before authorization could be obtained.~"), x);
        assertTrue(x.contains("HL*5*4*SS*0~DTP*472*D8*20261002~SV1*HC:99284**UN*1~SE*19*0001~"), x);
        assertTrue(x.startsWith("ISA*00*          *00*          *ZZ*SUBMITTER      *ZZ*RECEIVER       *261115*0930*^*00501*000000042*1*T*:~"), x);
    }

    @Test
    void dependentMovesTheEventUnderTheDependentAndAdmissionUsesItsDates() throws Exception {
        String x = interchange(Delimiters.STANDARD, admissionWithDependent());
        assertValid(x);
        assertTrue(x.contains("HL*4*3*23*1~NM1*QC*1*Petrova*Elena~DMG*D8*19720817*F~INS*N*01~HL*5*4*EV*1~"), x);
        assertTrue(x.contains("UM*AR*I*48*21:B**U~DTP*435*D8*20260901~DTP*096*D8*20260904~"), x);
        assertTrue(x.contains("NM1*1P*1*Haddad*Samir****XX*1678901236~PRV*PE*PXC*207R00000X~"), x);
        assertTrue(x.contains("PWK*DS*EL***AC*ACN77~MSG*"), x);
        assertTrue(x.contains("NM1*FA*2*Riverside General Hospital*****XX*1456789027~HL*6*5*SS*0~"), x);
        assertTrue(x.contains("DTP*472*RD8*20260901-20260903~SV2*0450*HC:99223:25:59*1250*UN*1.5~NM1*SJ*1*Oduya*Grace****XX*1567890128~"), x);
        assertTrue(x.contains("HL*7*5*SS*0~DTP*472*D8*20260902~SV2*0360*HC:27236**UN*1~SE*"), x);
    }

    @Test
    void anyDelimitersTheConfigurationAllows() throws Exception {
        Delimiters d = new Delimiters('|', '>', '!', '~', true);
        String x = interchange(d, professional(), admissionWithDependent());
        assertValid(x);
        assertTrue(x.contains("UM|HS|I|86|23>B||03~" + System.lineSeparator()), x);
        assertEquals(2, x.split("ST\\|278\\|", -1).length - 1);
    }

    @Test
    void amountsUseTheX12DecimalForm() {
        assertEquals("250", Request278Writer.amount(new BigDecimal("250.00")));
        assertEquals("0.5", Request278Writer.amount(new BigDecimal("0.50")));
        assertEquals("1000", Request278Writer.amount(new BigDecimal("1E+3")));
    }
}
