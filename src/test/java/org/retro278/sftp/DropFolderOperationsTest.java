package org.retro278.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.util.List;
import org.apache.camel.component.file.remote.RemoteFile;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.junit.jupiter.api.Test;

/** A name with a backslash as the drop-folder consumer hands it to Camel and to JSch. */
class DropFolderOperationsTest {

    private static final List<String> NAMES = List.of("back\\slash.csv", "b\\*q\\?.csv", "end\\", "\\lead.csv", "two\\\\x.csv",
            "star*?.csv", "nl\\\nx.csv", "\u00e9\\\u6f22.csv", "plain.csv");

    /** JSch's own unescaping of the paths it is given (com.jcraft.jsch.Util.unquote, package-private). */
    private static String unquotedByJsch(String path) throws Exception {
        Method unquote = Class.forName("com.jcraft.jsch.Util").getDeclaredMethod("unquote", String.class);
        unquote.setAccessible(true);
        return (String) unquote.invoke(null, path);
    }

    @Test
    void jschReadsTheEscapedPathBackAsTheRealOne() throws Exception {
        for (String name : NAMES) {
            String path = "/riverside/drop/" + name;
            assertEquals(path, unquotedByJsch(DropFolderOperations.escaped(path)), name);
        }
        assertEquals("drop/back\\\\slash\\*\\?.csv", DropFolderOperations.escaped("drop/back\\slash*?.csv"));
    }

    @Test
    void aListedFileIsFoundInTheFolderItIsReallyInWhatPathCamelCutItTo() {
        DropFolderOperations operations = new DropFolderOperations(new SftpEndpoint());
        for (String name : NAMES) {
            RemoteFile<Object> file = new RemoteFile<>(); // as camel-sftp lists it: its setters cut at each backslash
            file.setEndpointPath("drop");
            file.setFileNameOnly(name);
            file.setAbsoluteFilePath("drop/" + name);
            file.setRelativeFilePath(name);
            file.setFileName(name);
            assertEquals(name.indexOf('\\') >= 0 ? "drop" : null, operations.listed(file), name);
        }
        assertEquals(null, operations.listed(new RemoteFile<>()), "nothing listed");
    }
}
