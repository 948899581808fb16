package org.boxoffice.waitingroom;

import java.time.Instant;
import org.boxoffice.shared.Refusal;

/** Why the waiting room said no; {@code waitingroom.internal.WaitingRoomProblems} tells the client. */
public sealed interface WaitingRoomRefusal extends Refusal {

    /** Missing, malformed, forged, expired, or issued for another event or user. */
    record ProofOfWorkInvalid(String why) implements WaitingRoomRefusal {
    }

    record ProofOfWorkReplayed() implements WaitingRoomRefusal {
    }

    record NotInQueue(long eventId) implements WaitingRoomRefusal {
    }

    /** A hold for an event whose waiting room is active, without a valid admission token of this buyer's. */
    record AdmissionRequired(long eventId) implements WaitingRoomRefusal {
    }

    record QueueNotOpen(long eventId, Instant opensAt) implements WaitingRoomRefusal {
    }

    record NoWaitingRoom(long eventId) implements WaitingRoomRefusal {
    }

    /** The pre-queue's seed, order and report exist only once the sale has opened. */
    record NotRevealed(long eventId, Instant revealedAt) implements WaitingRoomRefusal {
    }

    /** Not a receipt of this service's for this event: forged, altered, malformed or of another event. */
    record ReceiptInvalid(String why) implements WaitingRoomRefusal {
    }
}
