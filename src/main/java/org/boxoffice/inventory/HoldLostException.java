package org.boxoffice.inventory;

/** The database refused a sale: the hold expired, was replaced by a newer one (fencing) or was already used. */
public class HoldLostException extends RuntimeException {
    public HoldLostException(String holdId) {
        super("hold " + holdId + " can no longer be sold", null, false, false);
    }
}
