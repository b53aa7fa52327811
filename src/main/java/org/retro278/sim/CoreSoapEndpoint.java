package org.retro278.sim;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import javax.xml.namespace.QName;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.configuration.jsse.TLSServerParameters;
import org.apache.cxf.configuration.security.ClientAuthentication;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.apache.cxf.security.SecurityContext;
import org.apache.cxf.security.transport.TLSSessionInfo;
import org.apache.cxf.transport.http_jetty.JettyHTTPServerEngineFactory;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.WSS4JConstants;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.retro278.core.CoreAnswer;
import org.retro278.core.CoreAuth;
import org.retro278.core.CoreRequest;
import org.retro278.core.soap.wsdl.COREEnvelopeRealTimeRequest;
import org.retro278.core.soap.wsdl.COREEnvelopeRealTimeResponse;
import org.retro278.core.soap.wsdl.CORETransactions;
import org.retro278.model.Require;

/**
 * The payer simulator's CORE SOAP endpoint: the CORE WSDL's {@code RealTimeTransaction} (SOAP 1.2,
 * document/literal) served by CXF's Jetty transport over HTTPS on 127.0.0.1, at {@code /core}. It checks the
 * credential, turns the envelope into a {@link CoreRequest}, asks a {@link CoreResponder} and sends its
 * {@link CoreAnswer} back as a {@code COREEnvelopeRealTimeResponse}.
 *
 * <p>Password mode ({@link CoreAuth#PASSWORD}): the request must carry a WS-Security UsernameToken with the
 * configured user name and password in PasswordText; the client certificate is wanted, not required. A wrong
 * or missing token is answered as CXF/WSS4J-based gateways answer it: HTTP 500 with a SOAP 1.2 fault whose
 * Code is {@code env:Sender} and whose Subcode is in the WS-Security namespace ({@code wsse:FailedAuthentication}
 * for a wrong user name or password, {@code wsse:InvalidSecurity} for a missing Security header); the responder
 * is not asked. Certificate mode ({@link CoreAuth#CERTIFICATE}): a client certificate issued by a CA in the
 * trust store is required in the TLS handshake; without one the handshake fails (TLS alert
 * {@code certificate_required} or {@code bad_certificate}), so no HTTP exchange happens at all. The responder
 * gets the user name (password mode) or the client certificate's subject (certificate mode).
 *
 * <p>For the simulator, the demo and the tests only: nothing here is a production server.
 */
public final class CoreSoapEndpoint implements AutoCloseable {

    /** The path the endpoint is served at. */
    public static final String PATH = "/core";

    private final CoreResponder responder;
    private final CoreAuth auth;
    private final String user;
    private final String password;
    private final KeyManager[] keyManagers;
    private final TrustManager[] trustManagers;
    private Bus bus;
    private Server server;
    private int port;

    /**
     * @param responder     what the simulated payer answers
     * @param auth          how clients prove who they are
     * @param user          the accepted user name (password mode), else {@code null}
     * @param password      the accepted password (password mode), else {@code null}
     * @param keyManagers   the server's key and certificate (for instance from a {@link LoopbackPki} key store)
     * @param trustManagers the CAs client certificates are verified against
     */
    public CoreSoapEndpoint(CoreResponder responder, CoreAuth auth, String user, String password, KeyManager[] keyManagers,
                            TrustManager[] trustManagers) {
        Require.nonNull("responder auth keyManagers trustManagers", responder, auth, keyManagers, trustManagers);
        if (auth == CoreAuth.PASSWORD && (user == null || password == null)) {
            throw new IllegalArgumentException("a simulated CORE gateway in password mode needs a user name and a password");
        }
        this.responder = responder;
        this.auth = auth;
        this.user = user;
        this.password = password;
        this.keyManagers = keyManagers.clone();
        this.trustManagers = trustManagers.clone();
    }

    /**
     * The endpoint with its key and trust material read from PKCS#12 stores (such as {@link LoopbackPki} writes).
     *
     * @param keyStore   the server's key and certificate
     * @param trustStore the CAs client certificates are verified against
     */
    public static CoreSoapEndpoint fromStores(CoreResponder responder, CoreAuth auth, String user, String password,
                                              Path keyStore, char[] keyStorePassword, Path trustStore,
                                              char[] trustStorePassword) throws IOException {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keyStore, keyStorePassword), keyStorePassword);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(trustStore, trustStorePassword));
            return new CoreSoapEndpoint(responder, auth, user, password, keys.getKeyManagers(), trust.getTrustManagers());
        } catch (GeneralSecurityException e) {
            throw new IOException("the simulated CORE gateway's stores " + keyStore.getFileName() + " and "
                    + trustStore.getFileName() + " cannot be opened (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            return ks;
        }
    }

    /**
     * Starts serving on 127.0.0.1.
     *
     * @param wantedPort the port, or 0 for a free one
     * @return the port it listens on
     */
    public synchronized int start(int wantedPort) throws IOException {
        if (server != null) {
            throw new IllegalStateException("the CORE SOAP endpoint is started already");
        }
        int chosen = wantedPort == 0 ? freePort() : wantedPort;
        Bus b = BusFactory.newInstance().createBus();
        try {
            TLSServerParameters tls = new TLSServerParameters();
            tls.setKeyManagers(keyManagers);
            tls.setTrustManagers(trustManagers);
            tls.setIncludeProtocols(List.of("TLSv1.3", "TLSv1.2"));
            ClientAuthentication clientAuth = new ClientAuthentication();
            clientAuth.setWant(true);
            clientAuth.setRequired(auth == CoreAuth.CERTIFICATE);
            tls.setClientAuthentication(clientAuth);
            b.getExtension(JettyHTTPServerEngineFactory.class).setTLSServerParametersForPort("127.0.0.1", chosen, tls);

            JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
            factory.setBus(b);
            factory.setServiceClass(CORETransactions.class);
            factory.setServiceBean(new Implementation());
            URL wsdl = CoreSoapEndpoint.class.getClassLoader().getResource("core/CORERule2.2.0.wsdl");
            factory.setWsdlURL(wsdl.toExternalForm());
            factory.setServiceName(new QName("http://www.caqh.org/SOAP/WSDL/", "CoreSoapService"));
            factory.setEndpointName(new QName("http://www.caqh.org/SOAP/WSDL/", "CoreSoapPort"));
            factory.setAddress("https://127.0.0.1:" + chosen + PATH);
            if (auth == CoreAuth.PASSWORD) {
                factory.getInInterceptors().add(usernameTokenCheck());
                // the WS-Security fault itself (wsse:FailedAuthentication), not CXF's generic wss4j:SecurityError
                factory.getProperties(true).put("ws-security.return.security.error", Boolean.TRUE);
            }
            server = factory.create();
            bus = b;
            port = chosen;
            return chosen;
        } catch (GeneralSecurityException | RuntimeException e) {
            b.shutdown(false);
            throw new IOException("the simulated CORE SOAP endpoint could not start on port " + chosen + ": " + e.getMessage(), e);
        }
    }

    /** The URL clients call, once started. */
    public synchronized String address() {
        if (server == null) {
            throw new IllegalStateException("the CORE SOAP endpoint is not started");
        }
        return "https://127.0.0.1:" + port + PATH;
    }

    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
            server.destroy();
        } finally {
            bus.shutdown(true);
            JettyHTTPServerEngineFactory.destroyForPort(port);
            server = null;
            bus = null;
        }
    }

    private WSS4JInInterceptor usernameTokenCheck() {
        Map<String, Object> wss = new HashMap<>();
        wss.put(ConfigurationConstants.ACTION, ConfigurationConstants.USERNAME_TOKEN);
        wss.put(ConfigurationConstants.PASSWORD_TYPE, WSS4JConstants.PW_TEXT);
        wss.put(ConfigurationConstants.PW_CALLBACK_REF, (CallbackHandler) this::expectedPassword);
        return new WSS4JInInterceptor(wss);
    }

    /** WSS4J asks for the expected password of the token's user and compares; an unknown user gets none. */
    private void expectedPassword(Callback[] callbacks) {
        for (Callback c : callbacks) {
            if (c instanceof WSPasswordCallback pc && user.equals(pc.getIdentifier())) {
                pc.setPassword(password);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private String caller() {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        if (message == null) {
            return null;
        }
        if (auth == CoreAuth.PASSWORD) {
            SecurityContext security = message.get(SecurityContext.class);
            return security == null || security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName();
        }
        TLSSessionInfo tls = message.get(TLSSessionInfo.class);
        Certificate[] peer = tls == null ? null : tls.getPeerCertificates();
        return peer != null && peer.length > 0 && peer[0] instanceof X509Certificate x
                ? x.getSubjectX500Principal().getName() : null;
    }

    /** The service bean: the generated port type, answering through the responder. */
    private final class Implementation implements CORETransactions {
        @Override
        public COREEnvelopeRealTimeResponse realTimeTransaction(COREEnvelopeRealTimeRequest body) {
            CoreRequest request = new CoreRequest(body.getPayloadType(), body.getProcessingMode(), body.getPayloadID(),
                    instant(body.getTimeStamp()), body.getSenderID(), body.getReceiverID(), body.getCORERuleVersion(),
                    body.getPayload());
            return response(responder.answer(request, caller()));
        }
    }

    private static Instant instant(XMLGregorianCalendar time) {
        return time == null ? null : time.toGregorianCalendar().toInstant();
    }

    private static COREEnvelopeRealTimeResponse response(CoreAnswer a) {
        COREEnvelopeRealTimeResponse r = new COREEnvelopeRealTimeResponse();
        r.setPayloadType(a.payloadType());
        r.setProcessingMode(a.processingMode());
        r.setPayloadID(a.payloadId());
        if (a.timeStamp() != null) {
            r.setTimeStamp(DatatypeFactory.newDefaultInstance().newXMLGregorianCalendar(a.timeStamp()));
        }
        r.setSenderID(a.senderId());
        r.setReceiverID(a.receiverId());
        r.setCORERuleVersion(a.ruleVersion());
        r.setPayload(a.payload());
        r.setErrorCode(a.errorCode());
        r.setErrorMessage(a.errorMessage());
        return r;
    }

    /** A UTC xsd:dateTime for an answer's TimeStamp ({@code 2026-12-07T01:02:03Z}). */
    public static String timeStamp(Instant time) {
        return DateTimeFormatter.ISO_INSTANT.format(time);
    }
}
