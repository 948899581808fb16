package org.boxoffice.waitingroom.internal;

import org.boxoffice.shared.Ids;
import org.boxoffice.waitingroom.QueueStatus;
import org.boxoffice.waitingroom.WaitingRoomService;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/events/{eventId}/queue", produces = "application/json")
class QueueController {
    private final WaitingRoomService waitingRoom;

    QueueController(WaitingRoomService waitingRoom) {
        this.waitingRoom = waitingRoom;
    }

    record JoinRequest(@Nullable String proofOfWork) {
    }

    @GetMapping("/challenge")
    ProofOfWork.Challenge challenge(@PathVariable String eventId, @AuthenticationPrincipal Jwt caller) {
        return waitingRoom.challenge(Ids.require(eventId, "Event " + eventId), caller.getSubject());
    }

    @PostMapping(consumes = "application/json")
    ResponseEntity<QueueStatus> join(@PathVariable String eventId, @RequestBody JoinRequest request,
                                     @AuthenticationPrincipal Jwt caller) {
        QueueStatus status = waitingRoom.join(Ids.require(eventId, "Event " + eventId), caller.getSubject(), request.proofOfWork());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(status);
    }

    @GetMapping("/me")
    QueueStatus me(@PathVariable String eventId, @AuthenticationPrincipal Jwt caller) {
        return waitingRoom.me(Ids.require(eventId, "Event " + eventId), caller.getSubject());
    }
}
