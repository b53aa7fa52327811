/**
 * Real-time payer gateways over CAQH CORE connectivity (SOAP 1.2 + WSDL, or HTTP MIME multipart, over HTTPS):
 * the envelope a 278 travels in ({@link org.retro278.core.CoreRequest}, {@link org.retro278.core.CoreAnswer}),
 * the clients that carry it ({@link org.retro278.core.CoreClient}) and why a call failed
 * ({@link org.retro278.core.CoreCallException}). Nothing here logs a payload: it holds PHI.
 */
package org.retro278.core;
