package org.retro278.model;

/**
 * Why no prior authorization was obtained. Each reason has the plain explanation that opens the
 * 2000E MSG text; the claim's retro note, when given, follows it.
 */
public enum RetroReason {
    EMERGENCY, RETRO_ELIGIBILITY, MISSED_NOTIFICATION, ADMIN_DELAY, PAYER_UNKNOWN, OTHER;

    /** The sentence that explains this reason to a reviewer at the payer. */
    public String explanation() {
        return "Retro review requested. " + switch (this) {
            case EMERGENCY -> "Emergency care was given before authorization could be obtained.";
            case RETRO_ELIGIBILITY -> "Eligibility was granted retroactively after the date of service.";
            case MISSED_NOTIFICATION -> "The required notification was not sent before the service.";
            case ADMIN_DELAY -> "An administrative delay kept the request from being sent before the service.";
            case PAYER_UNKNOWN -> "The responsible payer was not known at the time of service.";
            case OTHER -> "Authorization was not obtained before the service.";
        };
    }
}
