package io.verrou;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The application as it runs outside demos, on a random port: no outbox pages, and the JSON log file written as in
 * production ({@link #LOG_FILE}). One context, shared by every test that carries this annotation.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"verrou.outbox-page=off", "logging.file.name=" + ProductionLikeTest.LOG_FILE})
@ActiveProfiles("test")
@Import(TestSupportConfiguration.class)
public @interface ProductionLikeTest {

    /** Where the JSON (ECS) log goes, relative to the module. */
    String LOG_FILE = "target/production-like/verrou.log";
}
