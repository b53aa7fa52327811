package org.retro278.model;

/**
 * Why no prior authorization was obtained. Each reason has the plain explanation that opens the
 * 2000E MSG text; the claim's retro note, when given, follows it.
 */
public enum RetroReason {
    EMERGENCY("Retrospective review requested: emergency services were rendered before authorization could be obtained."),
    RETRO_ELIGIBILITY("Retrospective review requested: the member's eligibility was granted retroactively after the date of service."),
    MISSED_NOTIFICATION("Retrospective review requested: the required notification was not submitted before the service."),
    ADMIN_DELAY("Retrospective review requested: an administrative delay prevented the authorization request before the service."),
    PAYER_UNKNOWN("Retrospective review requested: the responsible payer was not known at the time of service."),
    OTHER("Retrospective review requested: authorization was not obtained before the service.");

    private final String explanation;

    RetroReason(String explanation) {
        this.explanation = explanation;
    }

    /** The sentence that explains this reason to a reviewer at the payer. */
    public String explanation() {
        return explanation;
    }
}
