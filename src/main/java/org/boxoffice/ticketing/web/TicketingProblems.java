package org.boxoffice.ticketing.web;

import java.util.Map;
import org.boxoffice.infrastructure.web.ProblemTypes;
import org.boxoffice.shared.ApiProblem;
import org.boxoffice.ticketing.TicketingRefusal;
import org.springframework.stereotype.Component;

/** Every answer the door can get besides "in": each a problem type of its own, so a scanner shows what happened. */
@Component
class TicketingProblems implements ProblemTypes<TicketingRefusal> {

    @Override
    public Class<TicketingRefusal> refusals() {
        return TicketingRefusal.class;
    }

    @Override
    public ApiProblem problem(TicketingRefusal refusal) {
        return switch (refusal) {
            case TicketingRefusal.CodeUnreadable r -> new ApiProblem(400, "ticket-code-unreadable", "Not a ticket code",
                    "This is not a Boxoffice ticket code");
            case TicketingRefusal.CodeForged r -> new ApiProblem(400, "ticket-code-forged", "Forged ticket code",
                    "The code's signature is not the service's: it was made up or altered");
            case TicketingRefusal.CodeExpired r -> new ApiProblem(400, "ticket-code-expired", "Ticket code expired",
                    "This code was valid until " + r.validUntil() + ": a copy or a screenshot. Ask for the live ticket on the phone",
                    Map.of("validUntil", r.validUntil().toString()));
            case TicketingRefusal.StaticCodeNotAllowed r -> new ApiProblem(400, "static-code-not-allowed",
                    "Printed codes not accepted", "This event takes only the rotating code shown in the buyer's browser");
            case TicketingRefusal.TicketNotFound r -> ApiProblem.notFound("Ticket " + r.ticketId());
            case TicketingRefusal.TicketCancelled r -> new ApiProblem(409, "ticket-cancelled", "Ticket cancelled",
                    "Ticket " + r.ticketId() + " was cancelled and refunded");
            case TicketingRefusal.WrongEvent r -> new ApiProblem(409, "ticket-for-another-event", "Ticket for another event",
                    "Ticket " + r.ticketId() + " is not for event " + r.doorEventId());
            case TicketingRefusal.AlreadyCheckedIn r -> new ApiProblem(409, "already-checked-in", "Already checked in",
                    "Ticket " + r.ticketId() + " was let in at " + r.checkedInAt(), Map.of("checkedInAt", r.checkedInAt().toString()));
        };
    }
}
