package bare;

import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Answers a hold request the way a seat-taken attempt is answered, with no work behind it. */
@SpringBootApplication
@RestController
public class BareApp {
    record HoldRequest(List<String> seatIds) {
    }

    public static void main(String[] args) {
        SpringApplication.run(BareApp.class, args);
    }

    @Bean
    SecurityFilterChain chain(HttpSecurity http) throws Exception {
        return http.csrf(csrf -> csrf.disable()).authorizeHttpRequests(auth -> auth.anyRequest().permitAll()).build();
    }

    @PostMapping("/api/v1/events/{eventId}/holds")
    ResponseEntity<Map<String, Object>> hold(@PathVariable String eventId, @RequestBody HoldRequest request) {
        return ResponseEntity.status(409).body(Map.of("type", "seats-unavailable", "unavailableSeatIds", request.seatIds()));
    }
}
