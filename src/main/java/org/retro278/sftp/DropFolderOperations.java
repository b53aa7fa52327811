package org.retro278.sftp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileOperationFailedException;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.component.file.remote.SftpOperations;
import org.apache.camel.component.file.remote.SftpRemoteFile;

/**
 * camel-sftp's file operations as the consumers of {@link DropFolderSftpComponent} use them, changed so that a listed
 * file is found, read and moved by its own name whatever it holds. JSch reads a backslash in every remote path it is
 * given as an escape and {@code *} {@code ?} as a pattern ({@code ChannelSftp} → {@code Util.unquote}): a file named
 * {@code star*?.csv} beside {@code starXY.csv} is "not unique" to it, and {@code rm} would delete both. So every path
 * these operations hand to JSch for a listed file or its folder (the listing and the read lock's listings, the
 * download, the rename's source, a delete, a fast exists check) is escaped the way JSch unescapes it (a backslash before
 * each {@code \ * ?}); the consumer gives the download its whole path (not stepwise, {@link DropFolderSftpComponent}),
 * as Camel would cut an escaped path at its backslashes. A rename's target is camel-sftp's own (Camel turns a backslash
 * in it into a slash): the routes move a file under a name without {@code \ * ?} (retro278MoveName).
 * <p>
 * A name that holds a backslash is more: Camel takes a backslash for a path separator (a file's paths are kept with
 * each backslash a slash, {@code drop/a\b.csv} as {@code drop/a/b.csv}, a file in a folder that does not exist). The
 * consumer tells these operations of each such file it lists ({@link #listed}); then the file's folder is listed where
 * it is (Camel's read lock looks for it in its cut folder), it is never downloaded (its body is null, so nothing can
 * take it for an empty file: the beans refuse it unread), and it is renamed (moved) or deleted from its real path.
 * It is all camel-sftp's own session (the host key checked as configured). docs/partners.md, "File names".
 */
final class DropFolderOperations extends SftpOperations {

    private static final Pattern SPECIAL = Pattern.compile("[\\\\*?]");

    /** Listed files whose name holds a backslash: their real path, by the path Camel gives them. */
    private final Map<String, String> realPaths = new ConcurrentHashMap<>();
    /** The folders Camel takes such files to be in, and the folder each is really in. */
    private final Map<String, String> realFolders = new ConcurrentHashMap<>();

    DropFolderOperations(SftpEndpoint endpoint) {
        super(endpoint.getProxy());
        setEndpoint(endpoint);
    }

    /** Whether a name holds a backslash. */
    static boolean backslashed(String name) {
        return name != null && name.indexOf('\\') >= 0;
    }

    /** The path as JSch reads it back: a backslash before each backslash, {@code *} and {@code ?}. */
    static String escaped(String path) {
        return SPECIAL.matcher(path).replaceAll(m -> Matcher.quoteReplacement("\\" + m.group()));
    }

    /**
     * Notes a listed file whose name ({@code getFileNameOnly}, as the server listed it) holds a backslash: Camel's
     * path for it ends with that name, each backslash a slash, after the folder it is really in. Returns the folder
     * it is really in, or {@code null} for a file that is not such a one.
     */
    String listed(GenericFile<?> file) {
        String name = file.getFileNameOnly();
        String cutPath = file.getAbsoluteFilePath();
        String cut = backslashed(name) ? name.replace('\\', '/') : null;
        if (cut == null || cutPath == null || !cutPath.endsWith(cut)) {
            return null;
        }
        String folder = cutPath.substring(0, cutPath.length() - cut.length());
        realPaths.put(cutPath, folder + name);
        String realFolder = folder.endsWith("/") && folder.length() > 1 ? folder.substring(0, folder.length() - 1) : folder;
        String cutFolder = file.getParent();
        if (cutFolder != null && !cutFolder.equals(realFolder)) {
            realFolders.put(cutFolder, realFolder);
        }
        return realFolder;
    }

    /** The path JSch is to act on for a listed file's path as Camel gives it: its real path, escaped. */
    private String remote(String path) {
        return path == null ? null : escaped(realPaths.getOrDefault(path, path));
    }

    @Override
    public SftpRemoteFile[] listFiles(String path) throws GenericFileOperationFailedException {
        return super.listFiles(path == null ? null : escaped(realPaths.getOrDefault(path, realFolders.getOrDefault(path, path))));
    }

    @Override
    public boolean retrieveFile(String name, Exchange exchange, long size) throws GenericFileOperationFailedException {
        if (!realPaths.containsKey(name)) {
            return super.retrieveFile(remote(name), exchange, size);
        }
        exchange.getIn().setBody(null); // not a stream: nothing can read it, stream caching included
        return true;
    }

    @Override
    public boolean renameFile(String from, String to) throws GenericFileOperationFailedException {
        boolean renamed = super.renameFile(remote(from), to);
        realPaths.remove(from);
        return renamed;
    }

    @Override
    public boolean deleteFile(String name) throws GenericFileOperationFailedException {
        boolean deleted = super.deleteFile(remote(name));
        realPaths.remove(name);
        return deleted;
    }

    @Override
    protected boolean fastExistsFile(String name) throws GenericFileOperationFailedException {
        return super.fastExistsFile(remote(name));
    }
}
