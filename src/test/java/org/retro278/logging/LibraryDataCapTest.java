package org.retro278.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The caps the adapter ships with (data-caps.xml, included by levels.xml and so by logback.xml): with every
 * logger at DEBUG, a data-printing library's DEBUG event is held back, its WARN is not, and a library without a
 * cap logs at DEBUG as its level says.
 */
class LibraryDataCapTest {

    /** The shipped logback.xml, every logger then set to DEBUG as an operator would, events to a list. */
    private static LoggerContext shippedAtDebug(ListAppender<ILoggingEvent> list) throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LibraryDataCapTest.class.getResource("/logback.xml"));
        for (Logger l : context.getLoggerList()) {
            l.setLevel(Level.DEBUG);
        }
        list.setContext(context);
        list.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(list);
        return context;
    }

    @Test
    void aDataPrintingLibrarysDebugEventIsHeldBackAtEveryLevelItsLoggerIsGiven() throws Exception {
        ListAppender<ILoggingEvent> list = new ListAppender<>();
        LoggerContext context = shippedAtDebug(list);
        Logger smooks = context.getLogger("org.smooks.cartridges.javabean.BeanMapExpressionEvaluator");
        assertEquals(Level.DEBUG, smooks.getEffectiveLevel(), "the operator set it to DEBUG");
        assertFalse(smooks.isDebugEnabled(), "the cap holds, so the library does not even build the message");
        smooks.debug("Expression value evaluated to '{}' on '{}'", "1984-03-12", "patient_dob");
        smooks.warn("a library's warning still gets through");
        Logger sshd = context.getLogger("org.apache.sshd.sftp.server.SftpSubsystem");
        sshd.setLevel(Level.TRACE);
        sshd.trace("doOpen(/home/riverside/drop/Okafor Adaeze.csv)");
        Logger session = context.getLogger("org.apache.sshd.server.session.ServerSessionImpl");
        session.setLevel(Level.TRACE);
        session.trace("encode(ServerSessionImpl[riverside]) packet #34 4f 6b 61 66 6f 72 Okafor");
        session.debug("a session's DEBUG gets through");
        Logger csv = context.getLogger("com.example.uncapped");
        csv.debug("an uncapped library at DEBUG");
        List<String> logged = list.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(List.of("a library's warning still gets through", "a session's DEBUG gets through", "an uncapped library at DEBUG"),
                logged);
        context.stop();
    }

    @Test
    void everyCapIsALoggerAndALevelAndTheClosestOneHolds() {
        LibraryDataCap cap = new LibraryDataCap();
        cap.setContext(new LoggerContext());
        cap.addCap("org.apache.camel INFO");
        cap.addCap("org.apache.camel.component.file WARN");
        cap.addCap("not-a-cap");
        cap.start();
        assertEquals(Level.WARN, cap.capOf("org.apache.camel.component.file.remote.SftpConsumer"));
        assertEquals(Level.INFO, cap.capOf("org.apache.camel.impl.engine.DefaultRoute"));
        assertEquals(Level.ALL, cap.capOf("org.apache.camelot"));
        assertEquals(Level.ALL, cap.capOf("org.retro278.intake.ClaimIntake"));
        assertTrue(cap.getContext().getStatusManager().getCopyOfStatusList().stream()
                .anyMatch(s -> s.getMessage().contains("not-a-cap")), "a malformed cap is reported");
    }

    @Test
    void theCapsAreReadFromTheShippedFile() throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new ByteArrayInputStream(
                "<configuration><include resource=\"org/retro278/logging/data-caps.xml\"/></configuration>"
                        .getBytes(StandardCharsets.UTF_8)));
        LibraryDataCap cap = (LibraryDataCap) context.getTurboFilterList().get(0);
        assertEquals(Level.INFO, cap.capOf("org.smooks.cartridges.javabean.BeanMapExpressionEvaluator"), "Smooks prints rows");
        assertEquals(Level.INFO, cap.capOf("org.apache.sshd.sftp.server.SftpSubsystem"), "MINA's SFTP prints paths");
        assertEquals(Level.DEBUG, cap.capOf("org.apache.sshd.server.session.ServerSessionImpl"), "MINA dumps packets at TRACE");
        assertEquals(Level.INFO, cap.capOf("org.apache.camel.component.file.GenericFileConsumer"), "Camel prints file names");
        assertEquals(Level.INFO, cap.capOf("org.apache.hc.client5.http.wire"), "HttpClient's wire log prints bodies");
        assertEquals(Level.INFO, cap.capOf("org.apache.hc.client5.http.headers"), "HttpClient's headers log prints headers");
        assertEquals(Level.INFO, cap.capOf("org.eclipse.jetty.http.MultiPart$Parser"), "Jetty prints the buffers it parses");
        assertEquals(Level.ALL, cap.capOf("org.apache.hc.client5.http.impl.classic.InternalHttpClient"), "the rest of HttpClient prints no data");
        assertEquals(Level.ALL, cap.capOf("org.retro278"), "retro278's own loggers are never capped");
        context.stop();
    }
}
