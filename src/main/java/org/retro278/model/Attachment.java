package org.retro278.model;

import java.util.Objects;

/**
 * Supporting documents that accompany or follow the request: 2000E PWK.
 *
 * @param reportType      PWK01 report type code, for example OZ support data or DS discharge summary
 * @param transmission    PWK02 how the documents travel, for example EL (a 275 follows) or FX
 * @param controlNumber   the attachment control number the documents will carry (PWK05=AC, PWK06)
 */
public record Attachment(String reportType, String transmission, String controlNumber) {
    public Attachment {
        Objects.requireNonNull(reportType, "reportType");
        Objects.requireNonNull(transmission, "transmission");
        Objects.requireNonNull(controlNumber, "controlNumber");
    }
}
