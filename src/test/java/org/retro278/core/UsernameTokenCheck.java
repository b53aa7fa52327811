package org.retro278.core;

import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPElement;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPFactory;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.soap.SOAPHeader;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.handler.soap.SOAPHandler;
import jakarta.xml.ws.handler.soap.SOAPMessageContext;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Iterator;
import java.util.Set;
import javax.xml.namespace.QName;

/**
 * The Metro gateway's password check: reads the WS-Security header of each request with SAAJ and accepts it only
 * with a UsernameToken whose Username and PasswordText password are the expected ones (OASIS WS-Security 1.0,
 * UsernameToken Profile 1.0). Anything else is answered with the SOAP 1.2 Sender fault whose subcode is
 * {@code wsse:FailedAuthentication}, as a WS-Security gateway does. It declares that it understands the
 * {@code wsse:Security} header, which our client marks mustUnderstand.
 */
final class UsernameTokenCheck implements SOAPHandler<SOAPMessageContext> {

    static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    static final String PASSWORD_TEXT =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";
    static final QName SECURITY = new QName(WSSE, "Security");
    /** The message-context property under which the accepted user name is handed to the service. */
    static final String USER = "org.retro278.interop.user";

    private final String user;
    private final byte[] password;

    UsernameTokenCheck(String user, String password) {
        this.user = user;
        this.password = password.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Set<QName> getHeaders() {
        return Set.of(SECURITY);
    }

    @Override
    public boolean handleMessage(SOAPMessageContext context) {
        if (Boolean.TRUE.equals(context.get(MessageContext.MESSAGE_OUTBOUND_PROPERTY))) {
            return true;
        }
        try {
            SOAPHeader header = context.getMessage().getSOAPHeader();
            SOAPElement token = child(header == null ? null : child(header, SECURITY), new QName(WSSE, "UsernameToken"));
            SOAPElement name = child(token, new QName(WSSE, "Username"));
            SOAPElement secret = child(token, new QName(WSSE, "Password"));
            if (name == null || secret == null || !PASSWORD_TEXT.equals(secret.getAttribute("Type"))
                    || !user.equals(name.getValue())
                    || !MessageDigest.isEqual(password, String.valueOf(secret.getValue()).getBytes(StandardCharsets.UTF_8))) {
                throw failedAuthentication();
            }
            context.put(USER, name.getValue());
            context.setScope(USER, MessageContext.Scope.APPLICATION);
            return true;
        } catch (SOAPException e) {
            throw failedAuthentication();
        }
    }

    private static SOAPElement child(SOAPElement parent, QName name) {
        if (parent == null) {
            return null;
        }
        Iterator<?> it = parent.getChildElements(name);
        return it.hasNext() ? (SOAPElement) it.next() : null;
    }

    private static SOAPFaultException failedAuthentication() {
        try {
            SOAPFault fault = SOAPFactory.newInstance(SOAPConstants.SOAP_1_2_PROTOCOL)
                    .createFault("The security token could not be authenticated or authorized", SOAPConstants.SOAP_SENDER_FAULT);
            fault.appendFaultSubcode(new QName(WSSE, "FailedAuthentication", "wsse"));
            return new SOAPFaultException(fault);
        } catch (SOAPException e) {
            throw new IllegalStateException("the FailedAuthentication fault could not be made", e);
        }
    }

    @Override
    public boolean handleFault(SOAPMessageContext context) {
        return true;
    }

    @Override
    public void close(MessageContext context) {
    }
}
