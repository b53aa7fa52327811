package org.retro278.testing;

import ch.qos.logback.core.PropertyDefinerBase;

/**
 * A level for logback-test.xml: {@code scanning} while the {@link PhiScan} is on, else {@code otherwise}
 * (logback-test.xml cannot branch without Janino).
 */
public final class PhiScanLevel extends PropertyDefinerBase {

    private String scanning = "DEBUG";
    private String otherwise = "INFO";

    public void setScanning(String scanning) {
        this.scanning = scanning;
    }

    public void setOtherwise(String otherwise) {
        this.otherwise = otherwise;
    }

    @Override
    public String getPropertyValue() {
        return PhiScan.ENABLED ? scanning : otherwise;
    }
}
