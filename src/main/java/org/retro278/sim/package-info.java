/**
 * The payer simulator, for the default installation, the demo and the tests: {@link org.retro278.sim.PayerSimulator}
 * answers request interchanges with TA1, 999 and 278 responses, and {@link org.retro278.sim.SimulatedPayers}
 * plays it on the embedded SFTP server's payer folders. For real time, {@link org.retro278.sim.SimulatedCorePayer}
 * answers CORE requests the same way behind the simulated gateways ({@link org.retro278.sim.CoreMimeEndpoint} for
 * the HTTP MIME envelope), on loopback with {@link org.retro278.sim.LoopbackPki}'s certificates. Nothing here is
 * meant to face a real partner.
 */
package org.retro278.sim;
