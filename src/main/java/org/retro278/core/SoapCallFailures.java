package org.retro278.core;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Iterator;
import javax.net.ssl.SSLException;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.ws.soap.SOAPFaultException;
import org.apache.cxf.transport.http.HTTPException;
import org.retro278.core.CoreCallException.Kind;

/**
 * Says why a SOAP call to a CORE gateway brought no answer, as a {@link CoreCallException} of the right kind,
 * in plain words naming the gateway's host and never the payload or a password. A SOAP fault's own text is
 * left out (a gateway may quote the request in it); only its code is named.
 */
final class SoapCallFailures {

    /** The WS-Security namespace of the fault codes a gateway gives for a refused UsernameToken. */
    static final String WSSE_NS = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";

    /** The namespace of the generic security fault CXF-based gateways give by default ({@code SecurityError}). */
    static final String WSS4J_NS = "http://ws.apache.org/wss4j";

    private final String host;

    SoapCallFailures(String host) {
        this.host = host;
    }

    /**
     * @param e      what the CXF proxy threw
     * @param status the HTTP status of the answer, or 0 when none came
     */
    CoreCallException explain(RuntimeException e, int status) {
        if (e instanceof SOAPFaultException fault) {
            return soapFault(fault.getFault());
        }
        Throwable found = find(e, HTTPException.class);
        if (found != null || status == 401 || status == 403 || status >= 500) {
            status = found != null ? ((HTTPException) found).getResponseCode() : status;
            if (status == 401 || status == 403) {
                return new CoreCallException(Kind.CREDENTIAL_REFUSED,
                        "the CORE gateway " + host + " refused our credential (HTTP " + status + ")", null);
            }
            return new CoreCallException(Kind.FAILED_AFTER_SEND,
                    "the CORE gateway " + host + " answered HTTP " + status + " instead of a CORE envelope", null);
        }
        if ((found = find(e, SSLException.class)) != null) {
            return new CoreCallException(Kind.TLS_REFUSED, "the TLS handshake with the CORE gateway " + host
                    + " failed (its certificate not trusted, our client certificate refused, or no common TLS version): "
                    + found.getMessage(), found);
        }
        if ((found = find(e, HttpConnectTimeoutException.class)) != null
                || (found = find(e, ConnectException.class)) != null
                || (found = find(e, UnknownHostException.class)) != null
                || (found = find(e, NoRouteToHostException.class)) != null) {
            return new CoreCallException(Kind.UNREACHABLE,
                    "the CORE gateway " + host + " could not be reached: " + found.getClass().getSimpleName()
                            + (found.getMessage() == null ? "" : " " + found.getMessage()), found);
        }
        if ((found = find(e, HttpTimeoutException.class)) != null
                || (found = find(e, SocketTimeoutException.class)) != null) {
            if (String.valueOf(found.getMessage()).toLowerCase().contains("connect timed out")) {
                return new CoreCallException(Kind.UNREACHABLE,
                        "the CORE gateway " + host + " could not be reached: the connection timed out", found);
            }
            return new CoreCallException(Kind.TIMEOUT,
                    "the CORE gateway " + host + " sent no answer within the answer timeout", found);
        }
        if (find(e, XMLStreamException.class) != null || find(e, JAXBException.class) != null
                || find(e, IOException.class) == null) {
            return new CoreCallException(Kind.UNREADABLE_ANSWER,
                    "the answer of the CORE gateway " + host + " could not be read as a COREEnvelopeRealTimeResponse", null);
        }
        found = find(e, IOException.class);
        return new CoreCallException(Kind.FAILED_AFTER_SEND, "the connection to the CORE gateway " + host
                + " failed after the request was sent: " + found.getClass().getSimpleName(), found);
    }

    private CoreCallException soapFault(SOAPFault fault) {
        QName code = fault == null ? null : fault.getFaultCodeAsQName();
        QName security = securityCode(fault);
        if (security != null) {
            return new CoreCallException(Kind.CREDENTIAL_REFUSED, "the CORE gateway " + host
                    + " refused our credential (WS-Security fault " + security.getLocalPart() + ")", null);
        }
        return new CoreCallException(Kind.FAILED_AFTER_SEND, "the CORE gateway " + host + " answered with a SOAP fault"
                + (code == null ? "" : " (" + code.getLocalPart() + subcodes(fault) + ")"), null);
    }

    private static String subcodes(SOAPFault fault) {
        StringBuilder out = new StringBuilder();
        try {
            for (Iterator<QName> it = fault.getFaultSubcodes(); it.hasNext(); ) {
                QName sub = it.next();
                out.append('/').append(sub.getLocalPart());
            }
        } catch (UnsupportedOperationException soap11) {
            return "";
        }
        return out.toString();
    }

    private static QName securityCode(SOAPFault fault) {
        if (fault == null) {
            return null;
        }
        QName code = fault.getFaultCodeAsQName();
        if (code != null && security(code)) {
            return code;
        }
        try {
            for (Iterator<QName> it = fault.getFaultSubcodes(); it.hasNext(); ) {
                QName sub = it.next();
                if (security(sub)) {
                    return sub;
                }
            }
        } catch (UnsupportedOperationException soap11) {
            return null;
        }
        return null;
    }

    private static boolean security(QName code) {
        return WSSE_NS.equals(code.getNamespaceURI()) || WSS4J_NS.equals(code.getNamespaceURI());
    }

    private static Throwable find(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }
}
