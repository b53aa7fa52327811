/**
 * The embedded SFTP server ({@link org.retro278.sftp.embedded.EmbeddedSftpServer}, on Apache MINA SSHD):
 * the production default for partners configured with {@code host: embedded}, also used by the demo and
 * the tests. Its {@link org.retro278.sftp.embedded.SftpAccount}s each see only their own home folder and
 * are opened by their own credentials only (no key opens two accounts unless configured for both), and
 * {@link org.retro278.sftp.embedded.OwnerOnlyFileAccess} keeps everything clients write owner-only and
 * follows no symbolic link.
 */
package org.retro278.sftp.embedded;
