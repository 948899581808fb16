package org.boxoffice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class BoxofficeApplication {
    public static void main(String[] args) {
        SpringApplication.run(BoxofficeApplication.class, args);
    }
}
