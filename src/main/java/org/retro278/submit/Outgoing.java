package org.retro278.submit;

import java.io.File;

/**
 * An interchange the submission route is to put on a payer's gateway now.
 *
 * @param id       the store's number for the interchange
 * @param fileName its name at the gateway
 * @param file     its bytes, built and verified, in the local outbox
 */
public record Outgoing(long id, String fileName, File file) {
}
