package org.retro278.mapping;

/**
 * Receives the claims of a file as they stream out of the mapping, one complete group at a time.
 *
 * <p>Claims normally arrive in file order as soon as their last row has been read. When the rows of
 * one claim_id are not adjacent in the file, the part seen first has already been handed on by the
 * time the later rows show up: the reader then calls {@link #retract(String)} for that claim id, and
 * hands on the whole claim (all its rows) once more after the end of the file. A sink must therefore
 * be able to take back what it did for a claim until {@link #end()} is called. A read with
 * {@link ClaimFileReader#readChecked} checks the file first and hands on each claim once, final: no retract, no
 * refusal after it.
 */
public interface ClaimGroupSink {

    /** One claim's rows. */
    void claim(ClaimGroup group) throws Exception;

    /** Forget what was done for the earlier, incomplete group of this claim id. */
    void retract(String claimId) throws Exception;

    /** The file has been read completely; no more calls follow. */
    default void end() throws Exception {
    }
}
