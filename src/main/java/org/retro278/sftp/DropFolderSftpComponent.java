package org.retro278.sftp;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.file.FileConstants;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileFilter;
import org.apache.camel.component.file.remote.RemoteFileConsumer;
import org.apache.camel.component.file.remote.SftpComponent;
import org.apache.camel.component.file.remote.SftpComponentConfigurer;
import org.apache.camel.component.file.remote.SftpConfiguration;
import org.apache.camel.component.file.remote.SftpConsumer;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.component.file.remote.SftpEndpointConfigurer;
import org.apache.camel.component.file.remote.SftpRemoteFile;
import org.apache.camel.spi.PropertyConfigurer;

/**
 * camel-sftp as the adapter registers it (under {@code sftp}): the same component, except that a consumer whose
 * filter {@link SeesDotFiles} is shown the files whose names start with a dot as well. camel-sftp hides those
 * before any filter is asked and, unlike the file component ({@code includeHiddenFiles}), has no option to show
 * them; a practice's dot-file would otherwise lie in its drop folder unreported for ever. Folders whose names
 * start with a dot ({@code .done}, {@code .error}) stay hidden. And a file whose name holds a backslash is found where it
 * really is, never downloaded, and moved from its real path ({@link DropFolderOperations}), so that the beans can
 * refuse it into the error folder; camel-sftp alone can neither read nor move it. Every path the consumer gives JSch for
 * a listed file is escaped ({@link DropFolderOperations#escaped}), so that a name with {@code *} or {@code ?} is read and
 * moved like any other and never reaches the files its pattern would match; for that the consumer is never stepwise
 * (a download is given the file's whole path). docs/partners.md, "File names".
 */
public final class DropFolderSftpComponent extends SftpComponent {

    /** A consumer filter that is asked about dot-files too, and decides when one is read. */
    public interface SeesDotFiles<T> extends GenericFileFilter<T> {
    }

    // Camel finds the generated option setters by the component's class name: a subclass names camel-sftp's own
    private static final PropertyConfigurer COMPONENT_OPTIONS = new SftpComponentConfigurer();
    private static final PropertyConfigurer ENDPOINT_OPTIONS = new SftpEndpointConfigurer();

    @Override
    public PropertyConfigurer getComponentPropertyConfigurer() {
        return COMPONENT_OPTIONS;
    }

    @Override
    public PropertyConfigurer getEndpointPropertyConfigurer() {
        return ENDPOINT_OPTIONS;
    }

    @Override
    protected GenericFileEndpoint<SftpRemoteFile> buildFileEndpoint(String uri, String remaining, Map<String, Object> parameters)
            throws Exception {
        SftpEndpoint plain = (SftpEndpoint) super.buildFileEndpoint(uri, remaining, parameters);
        return new DropFolderEndpoint(uri, this, plain.getConfiguration());
    }

    private static final class DropFolderEndpoint extends SftpEndpoint {

        DropFolderEndpoint(String uri, SftpComponent component, SftpConfiguration configuration) {
            super(uri, component, configuration);
        }

        @Override
        protected RemoteFileConsumer<SftpRemoteFile> buildConsumer(Processor processor) {
            DropFolderOperations backslashAware = new DropFolderOperations(this);
            // the download is given the file's whole, escaped path: stepwise, camel-sftp would cut it at each backslash
            getConfiguration().setStepwise(false);
            return new SftpConsumer(this, processor, backslashAware,
                    getProcessStrategy() != null ? getProcessStrategy() : createGenericFileStrategy()) {
                @Override
                protected boolean isValidFile(Exchange exchange, Supplier<GenericFile<SftpRemoteFile>> file, String name,
                                              String absoluteFilePath, Supplier<String> relativeFilePath, boolean isDirectory,
                                              SftpRemoteFile[] files) {
                    if (!isDirectory && DropFolderOperations.backslashed(name)) {
                        backslashAware.listed(file.get());
                    }
                    return super.isValidFile(exchange, file, name, absoluteFilePath, relativeFilePath, isDirectory, files);
                }

                @Override
                protected boolean isMatchedHiddenFile(Supplier<GenericFile<SftpRemoteFile>> file, String name, boolean isDirectory) {
                    return super.isMatchedHiddenFile(file, name, isDirectory)
                            || (!isDirectory && getEndpoint().getFilter() instanceof SeesDotFiles);
                }

                // the move's target folders are found beside the file in the folder it is really in (${file:parent})
                @Override
                protected void updateFileHeaders(GenericFile<SftpRemoteFile> file, Message message) {
                    super.updateFileHeaders(file, message);
                    String folder = DropFolderOperations.backslashed(file.getFileNameOnly()) ? backslashAware.listed(file) : null;
                    if (folder != null) {
                        message.setHeader(FileConstants.FILE_PARENT, folder);
                    }
                }
            };
        }
    }
}
