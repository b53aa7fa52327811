/**
 * The management port: what an operator's monitoring reads without opening the database. {@link
 * org.retro278.ops.ManagementPort} wires it into the adapter; {@link org.retro278.ops.AdapterMetrics} is the
 * Prometheus endpoint (counters the beans feed through {@link org.retro278.ops.Activity}, claims per state and
 * lag histograms from the store, route failures, partners' reachability); {@link org.retro278.ops.HealthChecks}
 * answers liveness and readiness; ManagementServer serves both over the JDK's HTTP server, loopback by default,
 * behind an optional bearer token, HTTPS with a certificate; with a token it also serves the operator's web console
 * ({@code ops.console}). Labels and bodies carry partner ids, route ids, states and counts only: never PHI (the
 * console shows a claim's PHI only on that claim's page, when asked). See docs/operations.md.
 */
package org.retro278.ops;
