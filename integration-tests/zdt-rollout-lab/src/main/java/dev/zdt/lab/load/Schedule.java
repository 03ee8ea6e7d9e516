package dev.zdt.lab.load;

/**
 * When requests are due: an endless, non-decreasing sequence of offsets from the start of
 * the load. Several requests may be due at the same offset (a page load, a wave of
 * pollers).
 *
 * @author zdt
 */
public interface Schedule {

	/**
	 * Return the offset of the next request.
	 * @return nanoseconds since the start of the load, never less than the previous
	 * answer
	 */
	long next();

}
