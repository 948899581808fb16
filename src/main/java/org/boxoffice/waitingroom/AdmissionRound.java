package org.boxoffice.waitingroom;

import java.util.List;

/** What one admission round did: who was let in, and whose admission ran out since the last round. */
public record AdmissionRound(List<String> admitted, List<String> lapsed) {
}
