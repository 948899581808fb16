package org.boxoffice.inventory;

public record SeatCounts(int available, int held, int sold, int blocked) {
}
