package org.retro278.config;

import java.time.Duration;
import org.retro278.model.Require;
import org.retro278.sftp.SftpConnection;

/**
 * A practice that drops claim files: where its files come from, which layout they have, where its
 * status files go.
 *
 * @param layout       the claim layout (a mapping file name in mappings/)
 * @param dropFolder   the folder on the practice's SFTP account where claim files arrive
 * @param outboxFolder the folder where retro278 leaves status files for the practice
 * @param poll         how often the drop folder is looked at
 * @param quiet        a file is read once it has not changed for this long (files uploaded under a name
 *                     starting with a dot and then renamed are never read early)
 */
public record PracticeProfile(String id, String name, String layout, SftpConnection sftp, String dropFolder,
                              String outboxFolder, Duration poll, Duration quiet) {
    public PracticeProfile {
        Require.nonNull("id name layout sftp dropFolder outboxFolder poll quiet",
                id, name, layout, sftp, dropFolder, outboxFolder, poll, quiet);
    }
}
