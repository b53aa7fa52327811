package org.retro278.core;

import java.net.URL;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import javax.xml.namespace.QName;
import jakarta.xml.ws.BindingProvider;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.configuration.jsse.TLSClientParameters;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.ConnectionType;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.WSS4JConstants;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.retro278.config.CoreGateway;
import org.retro278.core.soap.wsdl.COREEnvelopeRealTimeRequest;
import org.retro278.core.soap.wsdl.COREEnvelopeRealTimeResponse;
import org.retro278.core.soap.wsdl.CORETransactions;
import org.retro278.model.Require;
import org.retro278.sftp.Secrets;

/**
 * A {@link CoreClient} for the SOAP envelope: the CORE WSDL's {@code RealTimeTransaction} (SOAP 1.2,
 * document/literal; src/main/resources/core/CORERule2.2.0.wsdl) over HTTPS with Apache CXF.
 *
 * <p>TLS comes from the given {@link SSLContext} (the payer's trust store, and the client key in certificate
 * mode, as {@link CoreTls#context()} makes it), with host name verification on and TLS 1.2 or later (CXF offers
 * the JDK HTTP client TLSv1.2 and TLSv1.3, its preferred client protocols). In password mode a WS-Security UsernameToken
 * (PasswordText, as the CORE rule says) carries {@link CoreGateway#user()} and the password found under
 * {@link CoreGateway#passwordEnv()}; in certificate mode no token is sent. The connection timeout is
 * {@link CoreGateway#connectTimeout()}, the answer timeout {@link CoreGateway#answerTimeout()}; connections are
 * kept alive between calls (the JDK HTTP client closes idle ones; the rule's 60 s hold is the most a payer
 * keeps one, {@link CoreGateway#connectionHold()}). CXF never retransmits or follows redirects here.
 *
 * <p>Thread-safe: one proxy is configured once, before the first call, and never changed afterwards, which is
 * the case CXF documents as safe for concurrent calls (the request context is thread-local besides). Nothing
 * here logs a payload or a password, and CXF's message logging (its LoggingFeature) is never enabled.
 */
public final class SoapCoreClient implements CoreClient {

    /** The CORE WSDL's names (namespace http://www.caqh.org/SOAP/WSDL/). */
    static final String WSDL_NS = "http://www.caqh.org/SOAP/WSDL/";
    static final QName SERVICE = new QName(WSDL_NS, "CoreSoapService");
    static final QName PORT = new QName(WSDL_NS, "CoreSoapPort");
    static final String WSDL = "core/CORERule2.2.0.wsdl";

    private final CoreGateway gateway;
    private final Bus bus;
    private final CORETransactions port;
    private final SoapCallFailures failures;

    /**
     * @param gateway the payer's gateway settings (its envelope is SOAP)
     * @param tls     the TLS context with the payer's trust store and, in certificate mode, the client key
     * @param secrets where the password named by {@link CoreGateway#passwordEnv()} is found (password mode)
     * @throws IllegalArgumentException in plain words when the settings do not describe a SOAP gateway, or the
     *                                  password is not in the environment
     */
    public SoapCoreClient(CoreGateway gateway, SSLContext tls, Secrets secrets) {
        Require.nonNull("gateway tls secrets", gateway, tls, secrets);
        if (gateway.envelope() != CoreEnvelope.SOAP) {
            throw new IllegalArgumentException("the CORE gateway " + gateway.endpoint().getHost()
                    + " is set to the " + gateway.envelope() + " envelope, not SOAP");
        }
        if (!"https".equalsIgnoreCase(gateway.endpoint().getScheme())) {
            throw new IllegalArgumentException("the CORE gateway endpoint must be an https URL, not "
                    + gateway.endpoint().getScheme());
        }
        this.gateway = gateway;
        this.failures = new SoapCallFailures(gateway.endpoint().getHost());
        String password = gateway.auth() == CoreAuth.PASSWORD ? password(gateway, secrets) : null;
        this.bus = BusFactory.newInstance().createBus();
        try {
            this.port = proxy(gateway, tls, password, bus);
        } catch (RuntimeException e) {
            bus.shutdown(false);
            throw e;
        }
    }

    private static String password(CoreGateway gateway, Secrets secrets) {
        if (gateway.user() == null || gateway.user().isBlank() || gateway.passwordEnv() == null) {
            throw new IllegalArgumentException("the CORE gateway " + gateway.endpoint().getHost()
                    + " uses password authentication but has no user name or no password variable");
        }
        return secrets.lookup(gateway.passwordEnv()).orElseThrow(() -> new IllegalArgumentException(
                "the password of the CORE gateway " + gateway.endpoint().getHost() + " is not set: the environment variable "
                        + gateway.passwordEnv() + " is missing or empty"));
    }

    private static CORETransactions proxy(CoreGateway gateway, SSLContext tls, String password, Bus bus) {
        URL wsdl = SoapCoreClient.class.getClassLoader().getResource(WSDL);
        if (wsdl == null) {
            throw new IllegalStateException("the CORE WSDL " + WSDL + " is missing from the class path");
        }
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setBus(bus);
        factory.setServiceClass(CORETransactions.class);
        factory.setWsdlURL(wsdl.toExternalForm());
        factory.setServiceName(SERVICE);
        factory.setEndpointName(PORT);
        factory.setAddress(gateway.endpoint().toString());
        CORETransactions port = factory.create(CORETransactions.class);
        ((BindingProvider) port).getRequestContext().put("thread.local.request.context", "true");

        Client client = ClientProxy.getClient(port);
        HTTPConduit conduit = (HTTPConduit) client.getConduit();
        TLSClientParameters tlsParameters = new TLSClientParameters();
        tlsParameters.setSslContext(tls);
        tlsParameters.setDisableCNCheck(false);
        conduit.setTlsClientParameters(tlsParameters);
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(gateway.connectTimeout().toMillis());
        policy.setReceiveTimeout(gateway.answerTimeout().toMillis());
        policy.setConnection(ConnectionType.KEEP_ALIVE);
        policy.setAutoRedirect(false);
        policy.setMaxRetransmits(0);
        policy.setAllowChunking(false);
        policy.setVersion("1.1");
        conduit.setClient(policy);

        if (password != null) {
            Map<String, Object> wss = new HashMap<>();
            wss.put(ConfigurationConstants.ACTION, ConfigurationConstants.USERNAME_TOKEN);
            wss.put(ConfigurationConstants.USER, gateway.user());
            wss.put(ConfigurationConstants.PASSWORD_TYPE, WSS4JConstants.PW_TEXT);
            wss.put(ConfigurationConstants.PW_CALLBACK_REF, (CallbackHandler) callbacks -> supply(callbacks, password));
            client.getOutInterceptors().add(new WSS4JOutInterceptor(wss));
        }
        return port;
    }

    private static void supply(Callback[] callbacks, String password) {
        for (Callback c : callbacks) {
            if (c instanceof WSPasswordCallback pc) {
                pc.setPassword(password);
            }
        }
    }

    @Override
    public CoreAnswer call(CoreRequest request) throws CoreCallException {
        Require.nonNull("request", request);
        COREEnvelopeRealTimeResponse response;
        try {
            response = port.realTimeTransaction(envelope(request));
        } catch (RuntimeException e) {
            throw failures.explain(e, responseCode());
        }
        if (response == null) {
            throw new CoreCallException(CoreCallException.Kind.UNREADABLE_ANSWER,
                    "the CORE gateway " + gateway.endpoint().getHost() + " answered without a COREEnvelopeRealTimeResponse", null);
        }
        return answer(response);
    }

    /** The HTTP status of this thread's last exchange (the response context is per thread), or 0 when none came. */
    private int responseCode() {
        Object code = ClientProxy.getClient(port).getResponseContext().get(Message.RESPONSE_CODE);
        return code instanceof Integer status ? status : 0;
    }

    static COREEnvelopeRealTimeRequest envelope(CoreRequest request) {
        COREEnvelopeRealTimeRequest e = new COREEnvelopeRealTimeRequest();
        e.setPayloadType(request.payloadType());
        e.setProcessingMode(request.processingMode());
        e.setPayloadID(request.payloadId());
        e.setTimeStamp(DatatypeFactory.newDefaultInstance()
                .newXMLGregorianCalendar(DateTimeFormatter.ISO_INSTANT.format(request.timeStamp())));
        e.setSenderID(request.senderId());
        e.setReceiverID(request.receiverId());
        e.setCORERuleVersion(request.ruleVersion());
        e.setPayload(request.payload());
        return e;
    }

    static CoreAnswer answer(COREEnvelopeRealTimeResponse r) {
        return new CoreAnswer(r.getPayloadType(), r.getProcessingMode(), r.getPayloadID(), text(r.getTimeStamp()),
                r.getSenderID(), r.getReceiverID(), r.getCORERuleVersion(), r.getPayload(), r.getErrorCode(),
                r.getErrorMessage());
    }

    private static String text(XMLGregorianCalendar time) {
        return time == null ? null : time.toXMLFormat();
    }

    @Override
    public void close() {
        try {
            ClientProxy.getClient(port).destroy();
        } finally {
            bus.shutdown(false);
        }
    }

    @Override
    public String toString() {
        return "SoapCoreClient[" + gateway.endpoint().getHost() + "]";
    }
}
