package org.boxoffice.waitingroom.internal;

import java.util.Map;
import org.boxoffice.shared.ApiProblem;
import org.boxoffice.infrastructure.web.ProblemTypes;
import org.boxoffice.waitingroom.WaitingRoomRefusal;
import org.springframework.stereotype.Component;

/** The waiting room's problem types. */
@Component
class WaitingRoomProblems implements ProblemTypes<WaitingRoomRefusal> {

    @Override
    public Class<WaitingRoomRefusal> refusals() {
        return WaitingRoomRefusal.class;
    }

    @Override
    public ApiProblem problem(WaitingRoomRefusal refusal) {
        return switch (refusal) {
            case WaitingRoomRefusal.ProofOfWorkInvalid r -> new ApiProblem(400, "proof-of-work-invalid",
                    "Invalid proof of work", r.why());
            case WaitingRoomRefusal.ProofOfWorkReplayed r -> new ApiProblem(400, "proof-of-work-replayed",
                    "Proof of work replayed", "This proof of work has already been used");
            case WaitingRoomRefusal.NotInQueue r -> ApiProblem.notFound("Your place in the queue of event " + r.eventId());
            case WaitingRoomRefusal.AdmissionRequired r -> new ApiProblem(403, "admission-required", "Admission required",
                    "This on-sale has a waiting room: hold requests need the Admission-Token you get when admitted",
                    Map.of("queue", "/api/v1/events/" + r.eventId() + "/queue"));
            case WaitingRoomRefusal.QueueNotOpen r -> new ApiProblem(409, "queue-not-open", "Queue not open",
                    "The queue of event " + r.eventId() + " opens at " + r.opensAt() + " and closes when the event starts",
                    Map.of("opensAt", r.opensAt().toString()));
            case WaitingRoomRefusal.NoWaitingRoom r -> new ApiProblem(409, "no-waiting-room", "No waiting room",
                    "Event " + r.eventId() + " has no waiting room");
            case WaitingRoomRefusal.NotRevealed r -> new ApiProblem(409, "fairness-not-revealed", "Not revealed yet",
                    "The shuffle seed, the pre-queue's order and the fairness report of event " + r.eventId()
                            + " are published when the sale opens, at " + r.revealedAt() + "; until then only the commitment is",
                    Map.of("revealedAt", r.revealedAt().toString()));
            case WaitingRoomRefusal.ReceiptInvalid r -> new ApiProblem(400, "receipt-invalid", "Invalid receipt", r.why());
        };
    }
}
