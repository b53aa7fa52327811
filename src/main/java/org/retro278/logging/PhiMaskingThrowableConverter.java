package org.retro278.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * {@code %maskedEx} in logback.xml: a stack trace with the same masking as {@link PhiMaskingConverter}.
 * An exception message is the likeliest place for data to reach a log (a parser quoting the segment it
 * failed on), and {@code %ex} would print it as it is.
 */
public final class PhiMaskingThrowableConverter extends ThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return PhiMaskingConverter.mask(super.throwableProxyToString(proxy));
    }
}
