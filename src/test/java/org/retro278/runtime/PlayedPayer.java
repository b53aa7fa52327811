package org.retro278.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.retro278.sftp.embedded.SftpServerExtension;
import org.retro278.sim.PayerSimulator.RequestInterchange;
import org.retro278.sim.PayerSimulator;
import org.retro278.sim.ReceivedRequest;

/**
 * The payer's side of a test: reads the 278 requests the adapter uploaded to the payer's "inbound" folder
 * on the test SFTP server and leaves answers in its "outbound" folder as a careful payer does (under a
 * dot-name, then renamed). Answers are made by {@link PayerSimulator} or, for rejections the simulator does
 * not make, written here.
 */
final class PlayedPayer {

    /** The moment written into the answers' envelopes (it does not matter to correlation). */
    static final LocalDateTime ANSWERED = LocalDateTime.of(2026, 11, 16, 12, 0);

    private final SftpServerExtension sftp;
    private final String account;
    private long nextIsa13;

    PlayedPayer(SftpServerExtension sftp, String account, long firstIsa13) {
        this.sftp = sftp;
        this.account = account;
        this.nextIsa13 = firstIsa13;
    }

    Path inbound() {
        return sftp.home(account).resolve("inbound");
    }

    Path outbound() {
        return sftp.home(account).resolve("outbound");
    }

    /** Waits for {@code count} request interchanges in inbound and reads them (oldest name first). */
    List<RequestInterchange> awaitRequests(int count, Duration timeout) throws Exception {
        AdapterHarness.await(count + " request interchange(s) at " + account, timeout, () -> visible(inbound()).size() >= count);
        List<RequestInterchange> out = new ArrayList<>();
        for (Path p : visible(inbound())) {
            out.add(PayerSimulator.read(p));
        }
        return out;
    }

    /** Leaves an answer in outbound: written under a dot-name, then renamed. */
    Path answer(String name, byte[] content) throws IOException {
        Path tmp = outbound().resolve("." + name + ".part");
        Files.write(tmp, content);
        return Files.move(tmp, outbound().resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Waits until the adapter took each answer out of outbound and moved it into {@code folder} (.done or .error). */
    void awaitMoved(String folder, Duration timeout, String... names) throws InterruptedException {
        AdapterHarness.await(String.join(", ", names) + " moved to " + account + "/outbound/" + folder, timeout, () -> {
            for (String n : names) {
                if (Files.exists(outbound().resolve(n)) || !Files.exists(outbound().resolve(folder).resolve(n))) {
                    return false;
                }
            }
            return true;
        });
    }

    // ------------------------------------------------------------------------------ answers

    byte[] ta1Accepted(RequestInterchange req) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PayerSimulator.writeTa1(req, nextIsa13++, ANSWERED, out);
        return out.toByteArray();
    }

    byte[] ack999AllAccepted(RequestInterchange req) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PayerSimulator.write999(req, nextIsa13++, ANSWERED, out);
        return out.toByteArray();
    }

    /** 278 responses to the given claims' requests, each with the decision named for its claim id. */
    byte[] responses(RequestInterchange req, Map<String, PayerSimulator.Decision> decisions, boolean finalAfterPend)
            throws IOException {
        List<ReceivedRequest> answered = req.requests().stream().filter(r -> decisions.containsKey(r.claimId())).toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PayerSimulator.write278(req, answered, r -> decisions.get(r.claimId()), finalAfterPend, nextIsa13++, ANSWERED, out);
        return out.toByteArray();
    }

    /** A 278 response to one request, but echoing a trace number and BHT03 that retro278 never sent. */
    byte[] responseMatchingNothing(RequestInterchange req, ReceivedRequest like, String trace, String bht03) throws IOException {
        ReceivedRequest stranger = new ReceivedRequest(like.st02(), bht03, trace, like.traceOriginator(), "UNKNOWN", like.levels(),
                like.um(), like.lines());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PayerSimulator.write278(req, List.of(stranger), r -> PayerSimulator.Decision.CERTIFIED, false, nextIsa13++, ANSWERED, out);
        return out.toByteArray();
    }

    /**
     * A 999 for the request interchange's group: the sets of {@code rejectedSt02} rejected (IK5 R) with an
     * IK3 (NM1 in loop 2010, segment has data element errors) and an IK4 (NM109, invalid character), the
     * others accepted; AK9 A, P or R as the counts say.
     */
    byte[] ack999Rejecting(RequestInterchange req, List<String> rejectedSt02) {
        long isa13 = nextIsa13++;
        List<String> s = new ArrayList<>();
        s.add("ST*999*0001*005010X231A1");
        s.add("AK1*HI*" + req.gs06() + "*005010X217");
        int accepted = 0;
        for (ReceivedRequest r : req.requests()) {
            s.add("AK2*278*" + r.st02() + "*005010X217");
            if (rejectedSt02.contains(r.st02())) {
                s.add("IK3*NM1*9*2010*8");
                s.add("IK4*9*67*6");
                s.add("IK5*R*5");
            } else {
                s.add("IK5*A");
                accepted++;
            }
        }
        int n = req.requests().size();
        s.add("AK9*" + (accepted == n ? "A" : accepted == 0 ? "R" : "P") + "*" + n + "*" + n + "*" + accepted);
        s.add("SE*" + (s.size() + 1) + "*0001");
        StringBuilder b = new StringBuilder(isa(req, isa13));
        b.append("GS*FA*").append(req.gsReceiver()).append('*').append(req.gsSender()).append("*20261116*1200*").append(isa13)
                .append("*X*005010X231A1~\n");
        s.forEach(x -> b.append(x).append("~\n"));
        b.append("GE*1*").append(isa13).append("~\n");
        b.append("IEA*1*").append(String.format("%09d", isa13)).append("~\n");
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A TA1 rejecting the whole request interchange with the given note (TA105). */
    byte[] ta1Rejecting(RequestInterchange req, String note) {
        long isa13 = nextIsa13++;
        return (isa(req, isa13) + "TA1*" + req.isa13() + "*" + req.isa09() + "*" + req.isa10() + "*R*" + note + "~\n"
                + "IEA*0*" + String.format("%09d", isa13) + "~\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static String isa(RequestInterchange req, long isa13) {
        return "ISA*00*          *00*          *" + req.receiverQualifier() + "*" + pad(req.receiverId()) + "*"
                + req.senderQualifier() + "*" + pad(req.senderId()) + "*261116*1200*^*00501*" + String.format("%09d", isa13)
                + "*0*T*:~\n";
    }

    private static String pad(String s) {
        return s.length() >= 15 ? s : s + " ".repeat(15 - s.length());
    }

    /** The authorization number (HCR02) a 278 response file gives for a trace number. */
    static String authorizationIn(byte[] responses, String trace) {
        String text = new String(responses, StandardCharsets.US_ASCII);
        int at = text.indexOf("TRN*2*" + trace + "*");
        if (at < 0) {
            throw new AssertionError("no response for trace " + trace);
        }
        Matcher m = Pattern.compile("HCR\\*A[126]\\*([^*~]+)").matcher(text);
        if (!m.find(at)) {
            throw new AssertionError("no authorization number for trace " + trace);
        }
        return m.group(1);
    }

    static List<Path> visible(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
