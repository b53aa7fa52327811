package org.retro278.config;

import org.retro278.model.Require;

/**
 * Who sends and who receives, as the envelopes name them: ISA05-08 and GS02-03.
 */
public record InterchangeIds(String senderQualifier, String senderId, String receiverQualifier, String receiverId,
                             String applicationSender, String applicationReceiver) {
    public InterchangeIds {
        Require.nonNull("senderQualifier senderId receiverQualifier receiverId applicationSender applicationReceiver",
                senderQualifier, senderId, receiverQualifier, receiverId, applicationSender, applicationReceiver);
    }
}
