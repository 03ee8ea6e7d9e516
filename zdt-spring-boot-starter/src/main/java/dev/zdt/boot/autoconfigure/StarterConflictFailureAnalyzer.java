package dev.zdt.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports both zdt starters on the class path as the application's failure to start,
 * saying which to keep.
 */
final class StarterConflictFailureAnalyzer extends AbstractFailureAnalyzer<StarterConflictException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, StarterConflictException cause) {
		return new FailureAnalysis(cause.description(), cause.action(), cause);
	}

}
