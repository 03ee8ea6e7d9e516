package dev.zdt.sample.scores;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Tells a caller of {@code POST /api/scores} what a readable body looks like, where the
 * default message only says that the body could not be read.
 *
 * @author zdt authors
 */
@RestControllerAdvice(assignableTypes = ScoreController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
final class ScoreExceptionHandler {

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ProblemDetail unreadableBody() {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"the body must be a JSON object like {\"name\": \"ada\", \"score\": 2048}");
	}

}
