package dev.zdt.shutdownbench.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The service of issue 24: a high-score export on {@code @Async}, a scheduled cleanup of
 * 3 s per run and a Kafka consumer of score events, each writing what it finished to a
 * journal that the benchmark reads after the process is gone.
 */
@SpringBootApplication
@EnableAsync
@EnableScheduling
public class WorkerApplication {

	public static void main(String[] args) {
		SpringApplication.run(WorkerApplication.class, args);
	}

}
