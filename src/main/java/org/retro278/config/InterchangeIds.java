package org.retro278.config;

import java.util.Objects;

/**
 * Who sends and who receives, as the envelopes name them: ISA05-08 and GS02-03.
 */
public record InterchangeIds(String senderQualifier, String senderId, String receiverQualifier, String receiverId,
                             String applicationSender, String applicationReceiver) {
    public InterchangeIds {
        Objects.requireNonNull(senderQualifier, "senderQualifier");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(receiverQualifier, "receiverQualifier");
        Objects.requireNonNull(receiverId, "receiverId");
        Objects.requireNonNull(applicationSender, "applicationSender");
        Objects.requireNonNull(applicationReceiver, "applicationReceiver");
    }
}
