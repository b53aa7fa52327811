/**
 * The SSH side of SFTP that the adapter needs whichever partner it talks to (practice drop, payer
 * gateway): how a partner is reached ({@link org.retro278.sftp.SftpConnection}), its own key pair
 * ({@link org.retro278.sftp.AdapterKey}) and its key pair for each account of the embedded server
 * ({@link org.retro278.sftp.AccountKeys}), OpenSSH-format key files ({@link org.retro278.sftp.SshKeyFiles}),
 * pinned partner host keys ({@link org.retro278.sftp.KnownHosts}), secrets from the environment
 * ({@link org.retro278.sftp.Secrets}) and operator-readable explanations of camel-sftp / JSch failures
 * ({@link org.retro278.sftp.SftpFailure}, said at poll time by {@link org.retro278.sftp.SftpPollFailures}).
 * Transfers themselves are camel-sftp endpoints in the YAML routes, whose connection options
 * {@link org.retro278.sftp.SftpParameters} fills in; the embedded server is in
 * {@link org.retro278.sftp.embedded}. See docs/sftp.md.
 */
package org.retro278.sftp;
