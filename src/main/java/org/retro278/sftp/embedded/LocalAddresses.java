package org.retro278.sftp.embedded;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketException;

/** Whether a client connects from this machine: the only place the adapter's account keys are accepted from. */
final class LocalAddresses {

    private LocalAddresses() {
    }

    /** True for a loopback address or an address of one of this machine's interfaces. */
    static boolean isLocal(SocketAddress client) {
        if (!(client instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return false;
        }
        InetAddress address = inet.getAddress();
        if (address.isLoopbackAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
