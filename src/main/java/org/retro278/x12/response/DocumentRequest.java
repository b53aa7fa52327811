package org.retro278.x12.response;

/**
 * A PWK segment of a 278 response: a document the UMO asks for, typically when it pends the request
 * (HCR01 A4). Only PWK01 and PWK02 are read; PWK05/PWK06 (an attachment control number) and MSG free text
 * never are.
 *
 * @param loop            where the PWK was found: {@code 2000E} (the patient event) or {@code 2000F} (a service)
 * @param servicePosition 1-based position of the service level (2000F) it belongs to, {@code null} at the
 *                        patient event
 * @param type            PWK01 report type (for example AS admission summary, OB operative note)
 * @param transmission    PWK02 how the UMO wants it sent (for example BM by mail, EL electronically, FX by
 *                        fax, VO voice), {@code null} when absent
 */
public record DocumentRequest(String loop, Integer servicePosition, Code type, Code transmission) {

    /** Codes only (they are not PHI), without the words. */
    @Override
    public String toString() {
        return "DocumentRequest[loop=" + loop + (servicePosition == null ? "" : ", service=" + servicePosition)
                + ", type=" + (type == null ? "none" : type.code())
                + ", transmission=" + (transmission == null ? "none" : transmission.code()) + "]";
    }
}
