/**
 * Simulated partners for the default installation, the demo and the tests: the embedded SFTP server
 * ({@link org.retro278.sim.EmbeddedSftpServer}, with {@link org.retro278.sim.SftpAccount}s) that stands
 * in for practice drop boxes and payer gateways. Nothing here is meant to face a real partner.
 */
package org.retro278.sim;
