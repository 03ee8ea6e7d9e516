package dev.zdt.sample;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The whole sample app on random ports, one context shared by the test classes that use
 * this annotation. The hold is cut short so that closing the context at the end of the run
 * does not wait for it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "zdt.drain.min-hold=0s", "zdt.drain.max-hold=1s" })
@AutoConfigureMockMvc
public @interface SampleAppTest {

}
