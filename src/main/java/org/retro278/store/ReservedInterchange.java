package org.retro278.store;

import java.time.LocalDateTime;
import java.util.List;

/**
 * What {@link TransactionStore#reserveInterchange} set aside in one transaction: the interchange row
 * (state {@link InterchangeState#SENDING}) with its control numbers and file name, and its claims in
 * ST02 order. The claims stay {@link ClaimState#READY} until {@link TransactionStore#markInterchangeSent}.
 *
 * @param id           the store's number for the interchange
 * @param envelopeTime the date and time written in ISA09/10, GS04/05 and BHT04/05 (and in BHT03)
 */
public record ReservedInterchange(long id, String payerId, long isa13, long gs06, String fileName,
                                  LocalDateTime envelopeTime, List<ReservedClaim> claims) {
    public ReservedInterchange {
        claims = List.copyOf(claims);
    }
}
