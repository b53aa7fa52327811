/**
 * The canonical retro authorization request and its parts: immutable records that know neither the
 * claim-file layout they came from nor the X12 they become. Values in these records have already passed
 * the input rules ({@code org.retro278.rules}); optional parts are {@code null} when absent.
 */
package org.retro278.model;
