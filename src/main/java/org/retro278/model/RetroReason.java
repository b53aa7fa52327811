package org.retro278.model;

/**
 * Why no prior authorization was obtained. Each reason has the plain explanation that opens the
 * 2000E MSG text; the claim's retro note, when given, follows it.
 */
public enum RetroReason {
    EMERGENCY("Retro review requested. Emergency care was given before authorization could be obtained."),
    RETRO_ELIGIBILITY("Retro review requested. Eligibility was granted retroactively after the date of service."),
    MISSED_NOTIFICATION("Retro review requested. The required notification was not sent before the service."),
    ADMIN_DELAY("Retro review requested. An administrative delay kept the request from being sent before the service."),
    PAYER_UNKNOWN("Retro review requested. The responsible payer was not known at the time of service."),
    OTHER("Retro review requested. Authorization was not obtained before the service.");

    private final String explanation;

    RetroReason(String explanation) {
        this.explanation = explanation;
    }

    /** The sentence that explains this reason to a reviewer at the payer. */
    public String explanation() {
        return explanation;
    }
}
