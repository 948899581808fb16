package org.boxoffice.ordering.web;

import org.boxoffice.shared.ApiProblem;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.boxoffice.ordering.CheckoutRequest;
import org.boxoffice.ordering.Order;
import org.boxoffice.ordering.OrderService;
import org.boxoffice.ordering.StoredResponse;
import org.boxoffice.shared.Money;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/orders", produces = "application/json")
class OrderController {
    private final OrderService orders;

    OrderController(OrderService orders) {
        this.orders = orders;
    }

    record TicketView(String ticketId, String seatId, String label, String categoryId, Money price) {
    }

    record OrderView(String orderId, String status, String eventId, List<TicketView> tickets, Money total,
                     Instant createdAt, @JsonInclude(JsonInclude.Include.NON_NULL) Order.@Nullable Refund refund) {
        static OrderView of(Order order) {
            return new OrderView(order.orderId(), order.status().name(), String.valueOf(order.eventId()),
                    order.tickets().stream().map(t -> new TicketView(t.ticketId(), String.valueOf(t.seatId()), t.label(),
                            String.valueOf(t.categoryId()), t.price())).toList(),
                    order.total(), order.createdAt(), order.refund());
        }
    }

    @PostMapping(consumes = "application/json")
    ResponseEntity<String> checkout(@RequestHeader("Idempotency-Key") String key, @RequestBody CheckoutRequest request,
                                    @AuthenticationPrincipal Jwt caller) {
        if (key.isEmpty() || key.length() > 255) {
            throw ApiProblem.badRequest("invalid-idempotency-key", "Idempotency-Key must be 1..255 characters");
        }
        validate(request);
        StoredResponse response = orders.checkout(caller.getSubject(), key, request, OrderView::of);
        return ResponseEntity.status(response.status())
                .contentType(response.problem() ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON)
                .body(response.body());
    }

    @GetMapping("/{orderId}")
    OrderView get(@PathVariable String orderId, @AuthenticationPrincipal Jwt caller) {
        return OrderView.of(orders.order(caller.getSubject(), orderId));
    }

    record OrderPageView(List<OrderView> items, int page, int size, long total) {
    }

    @GetMapping
    OrderPageView list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
                       @AuthenticationPrincipal Jwt caller) {
        if (page < 0 || page > 100_000 || size < 1 || size > 100) {
            throw ApiProblem.badRequest("page must be 0 or more and size 1..100");
        }
        OrderService.OrderPage orders = this.orders.orders(caller.getSubject(), page, size);
        return new OrderPageView(orders.items().stream().map(OrderView::of).toList(), orders.page(), orders.size(), orders.total());
    }

    @PostMapping("/{orderId}/cancel")
    OrderView cancel(@PathVariable String orderId, @AuthenticationPrincipal Jwt caller) {
        return OrderView.of(orders.cancel(caller.getSubject(), orderId));
    }

    private static void validate(CheckoutRequest request) {
        if (request.holdId() == null || request.holdId().isBlank() || request.holdId().length() > 100) {
            throw ApiProblem.badRequest("holdId is required");
        }
        if (request.payment() == null || request.payment().token() == null || request.payment().token().isBlank()
                || request.payment().token().length() > 200) {
            throw ApiProblem.badRequest("payment.token is required");
        }
        if (!"card".equals(request.payment().method())) {
            throw ApiProblem.badRequest("payment.method must be \"card\"");
        }
    }
}
