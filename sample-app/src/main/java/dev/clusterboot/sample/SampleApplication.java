package dev.clusterboot.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The classic Node.js cluster demo, done in Spring Boot: run it and the master starts
 * the workers set in {@code application.yml}; each request is answered by one of them.
 *
 * @author cluster-spring-boot-starter
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
