package org.retro278.model;

/**
 * Supporting documents that accompany or follow the request: 2000E PWK.
 *
 * @param reportType      PWK01 report type code, for example OZ support data or DS discharge summary
 * @param transmission    PWK02 how the documents travel, for example EL (a 275 follows) or FX
 * @param controlNumber   the attachment control number the documents will carry (PWK05=AC, PWK06)
 */
public record Attachment(String reportType, String transmission, String controlNumber) {
    public Attachment {
        Require.nonNull("reportType transmission controlNumber", reportType, transmission, controlNumber);
    }
}
