package org.retro278.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes large files of fictional, valid 278 responses or 999 acknowledgments for the reader benchmark:
 * {@value #SETS_PER_INTERCHANGE} sets per interchange (one group each), LF after every segment.
 */
final class ResponseFileGenerator {

    static final int SETS_PER_INTERCHANGE = 5_000;

    private ResponseFileGenerator() {
    }

    /** {@code sets} 278 responses of 29 segments each (event A2, a certified and a denied service). */
    static long responses(Path file, int sets) throws IOException {
        return write(file, sets, "HI", "005010X217", (n, out) -> {
            String claim = "CLM" + n;
            out.add("BHT*0007*11*" + claim + "-202601150930-1*20260120*1015*18");
            out.add("HL*1**20*1");
            out.add("NM1*X3*2*FICTIONAL HEALTH PLAN*****PI*99999");
            out.add("HL*2*1*21*1");
            out.add("NM1*1P*2*SAMPLE FAMILY CLINIC*****XX*1234567893");
            out.add("HL*3*2*22*1");
            out.add("NM1*IL*1*DOE*JANE****MI*MEM" + n);
            out.add("DMG*D8*19800101*F");
            out.add("HL*4*3*EV*1");
            out.add("TRN*2*" + claim + "-1*9RETRO2781");
            out.add("UM*HS*I*AE*11:B");
            out.add("HCR*A2*AUTH" + n);
            out.add("HL*5*4*SS*0");
            out.add("TRN*2*" + claim + "-1-L1*9RETRO2781");
            out.add("HCR*A1*AUTH" + n);
            out.add("DTP*472*D8*20251202");
            out.add("SV1*HC:97110**UN*4");
            out.add("HL*6*4*SS*0");
            out.add("TRN*2*" + claim + "-1-L2*9RETRO2781");
            out.add("HCR*A3**0P");
            out.add("REF*NT*CASE" + n);
            out.add("DTP*472*D8*20251202");
            out.add("SV1*HC:97112**UN*2");
            out.add("PWK*OB*EL");
            out.add("MSG*SEE THE LETTER SENT TO THE PROVIDER");
            out.add("NM1*SJ*1*SMITH*ALEX****XX*1234567893");
            out.add("PRV*PE*PXC*207Q00000X");
        });
    }

    /** {@code sets} 999s of 16 segments each (three acknowledged sets, one rejected with IK3, CTX and IK4s). */
    static long acknowledgments(Path file, int sets) throws IOException {
        return write(file, sets, "FA", "005010X231A1", (n, out) -> {
            out.add("AK1*HI*" + (n + 1) + "*005010X217");
            out.add("AK2*278*0001*005010X217");
            out.add("IK5*A");
            out.add("AK2*278*0002*005010X217");
            out.add("IK3*NM1*8*2010*8");
            out.add("CTX*CLM01:CLM" + n);
            out.add("IK4*9*67*6*MEM" + n);
            out.add("IK4*3*1035*5");
            out.add("IK5*R*5");
            out.add("AK2*278*0003*005010X217");
            out.add("IK5*A");
            out.add("AK9*P*3*3*2");
        });
    }

    private interface Body {
        void write(int n, List<String> out);
    }

    private static long write(Path file, int sets, String functionalId, String version, Body body) throws IOException {
        long segments = 0;
        List<String> seg = new ArrayList<>(40);
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII), 1 << 16)) {
            int n = 0;
            int interchange = 0;
            while (n < sets) {
                interchange++;
                int inThis = Math.min(SETS_PER_INTERCHANGE, sets - n);
                String icn = String.format("%09d", interchange);
                w.write("ISA*00*          *00*          *ZZ*FICTPLAN       *ZZ*RETRO278SUBMIT *260120*1015*^*00501*"
                        + icn + "*0*T*:~\n");
                w.write("GS*" + functionalId + "*FICTPLAN*RETRO278SUBMIT*20260120*1015*" + interchange + "*X*" + version + "~\n");
                segments += 2;
                for (int i = 0; i < inThis; i++) {
                    n++;
                    String st02 = String.format("%04d", i + 1);
                    seg.clear();
                    body.write(n, seg);
                    w.write("ST*" + ("FA".equals(functionalId) ? "999" : "278") + "*" + st02 + "*" + version + "~\n");
                    for (String s : seg) {
                        w.write(s);
                        w.write("~\n");
                    }
                    w.write("SE*" + (seg.size() + 2) + "*" + st02 + "~\n");
                    segments += seg.size() + 2;
                }
                w.write("GE*" + inThis + "*" + interchange + "~\n");
                w.write("IEA*1*" + icn + "~\n");
                segments += 2;
            }
        }
        return segments;
    }
}
