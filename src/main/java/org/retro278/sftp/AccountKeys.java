package org.retro278.sftp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.retro278.io.SecureFiles;

/**
 * The adapter's key pair for each account of the embedded SFTP server, one pair per account:
 * {@code work/keys/embedded/<account>_ecdsa} (owner-only, made on first use, encrypted with
 * {@value AdapterKey#PASSPHRASE_VARIABLE} when it is set). The embedded server accepts an account's
 * key for that account only, and only from this machine, so no single key opens every drop box; the
 * adapter's own key ({@code work/keys/retro278_ecdsa}, for partners' servers) opens no embedded
 * account unless a partner file lists it in {@code sftp.account.authorizedKeys}.
 */
public final class AccountKeys {

    /** The folder, inside the keys folder, that holds one key pair per embedded account. */
    public static final String FOLDER = "embedded";

    private final Path dir;
    private final Secrets secrets;
    private final Map<String, AdapterKey> loaded = new LinkedHashMap<>();

    public AccountKeys(Path keysDir, Secrets secrets) {
        this.dir = keysDir.resolve(FOLDER);
        this.secrets = secrets;
    }

    /** The key pair for {@code account} (a valid account name, hence a safe file name), made if missing. */
    public synchronized AdapterKey forAccount(String account) throws IOException {
        AdapterKey key = loaded.get(account);
        if (key == null) {
            SecureFiles.createPrivateDirectories(dir);
            key = AdapterKey.loadOrCreate(file(account), secrets);
            loaded.put(account, key);
        }
        return key;
    }

    /** Where the private key of {@code account} is kept. */
    public Path file(String account) {
        return dir.resolve(account + "_ecdsa");
    }
}
