package org.retro278.core;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import com.sun.xml.ws.developer.JAXWSProperties;
import com.sun.xml.ws.developer.SchemaValidation;
import com.sun.xml.ws.spi.ProviderImpl;
import jakarta.annotation.Resource;
import jakarta.jws.WebService;
import jakarta.xml.ws.BindingType;
import jakarta.xml.ws.Endpoint;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.handler.Handler;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.soap.SOAPBinding;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.retro278.interop.metro.COREEnvelopeRealTimeRequest;
import org.retro278.interop.metro.COREEnvelopeRealTimeResponse;
import org.retro278.interop.metro.CORETransactions;

/**
 * A CORE gateway made with a second SOAP toolkit, Eclipse Metro (the JAX-WS reference implementation), from our
 * CORE WSDL by Metro's own wsimport (org.retro278.interop.metro): Metro reads what our CXF client sends, so the
 * envelope is checked by code we did not write. It serves over a JDK {@link HttpsServer} on 127.0.0.1 with
 * Metro's schema validation on ({@link SchemaValidation}); in password mode {@link UsernameTokenCheck} checks the
 * WS-Security UsernameToken, in certificate mode the TLS handshake requires a client certificate.
 *
 * <p>Published through Metro's own {@link ProviderImpl}, never {@code Provider.provider()}, which could pick CXF's
 * provider from the same class path.
 */
final class MetroCoreGateway implements AutoCloseable {

    /** What Metro handed to the service: the envelope, the Metro class that carried it, the TLS client. */
    record Received(COREEnvelopeRealTimeRequest envelope, String messageContextClass, String clientCertificate,
                    String user) {
    }

    private final HttpsServer server;
    private final Endpoint endpoint;
    private final CoreService service;

    /**
     * @param tls    the server's key (and, in certificate mode, the trust for client certificates)
     * @param auth   password mode checks the UsernameToken; certificate mode requires a client certificate
     * @param answer    what the gateway answers to a request Metro read
     * @param protocols the TLS versions the server takes (TLSv1.3 and TLSv1.2 unless named)
     */
    MetroCoreGateway(SSLContext tls, CoreAuth auth, String user, String password, Responder answer, String... protocols)
            throws IOException {
        this.service = new CoreService(answer);
        this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        boolean needClientCertificate = auth == CoreAuth.CERTIFICATE;
        String[] versions = protocols.length == 0 ? new String[] {"TLSv1.3", "TLSv1.2"} : protocols.clone();
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setProtocols(versions);
                ssl.setNeedClientAuth(needClientCertificate);
                parameters.setSSLParameters(ssl);
            }
        });
        HttpContext context = server.createContext("/core");
        this.endpoint = new ProviderImpl().createEndpoint(SOAPBinding.SOAP12HTTP_BINDING, service);
        if (auth == CoreAuth.PASSWORD) {
            List<Handler> chain = List.of(new UsernameTokenCheck(user, password));
            endpoint.getBinding().setHandlerChain(chain);
        }
        endpoint.publish(context);
        server.start();
    }

    /** The https address of the endpoint. */
    String address() {
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/core";
    }

    /** The JAX-WS endpoint object, to show which implementation published it. */
    Endpoint endpoint() {
        return endpoint;
    }

    /** Every request Metro read and handed to the service, in order. */
    List<Received> received() {
        return List.copyOf(service.received);
    }

    @Override
    public void close() {
        endpoint.stop();
        server.stop(0);
    }

    /** What the gateway answers to a request. */
    @FunctionalInterface
    interface Responder {
        COREEnvelopeRealTimeResponse answer(COREEnvelopeRealTimeRequest request);
    }

    /** The service behind the WSDL's port, as Metro's wsimport declared it; Metro validates what comes in and goes out. */
    @WebService(serviceName = "CoreSoapService", portName = "CoreSoapPort", targetNamespace = "http://www.caqh.org/SOAP/WSDL/",
            endpointInterface = "org.retro278.interop.metro.CORETransactions", wsdlLocation = "core/CORERule2.2.0.wsdl")
    @BindingType(SOAPBinding.SOAP12HTTP_BINDING)
    @SchemaValidation
    public static final class CoreService implements CORETransactions {

        private final List<Received> received = new CopyOnWriteArrayList<>();
        private final Responder responder;

        @Resource
        private WebServiceContext context;

        CoreService(Responder responder) {
            this.responder = responder;
        }

        @Override
        public COREEnvelopeRealTimeResponse realTimeTransaction(COREEnvelopeRealTimeRequest body) {
            MessageContext message = context.getMessageContext();
            received.add(new Received(body, message.getClass().getName(),
                    clientCertificate((HttpsExchange) message.get(JAXWSProperties.HTTP_EXCHANGE)),
                    (String) message.get(UsernameTokenCheck.USER)));
            return responder.answer(body);
        }

        private static String clientCertificate(HttpsExchange exchange) {
            try {
                Principal peer = exchange.getSSLSession().getPeerPrincipal();
                return peer.getName();
            } catch (SSLPeerUnverifiedException none) {
                return null;
            }
        }
    }
}
