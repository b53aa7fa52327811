/**
 * The payer simulator, for the default installation, the demo and the tests: {@link org.retro278.sim.PayerSimulator}
 * answers request interchanges with TA1, 999 and 278 responses, and {@link org.retro278.sim.SimulatedPayers}
 * plays it on the embedded SFTP server's payer folders. Nothing here is meant to face a real partner.
 */
package org.retro278.sim;
