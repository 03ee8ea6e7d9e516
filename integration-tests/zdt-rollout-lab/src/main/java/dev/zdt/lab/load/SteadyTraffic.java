package dev.zdt.lab.load;

/**
 * Evenly spaced requests at a fixed rate.
 *
 * @param rate requests per second
 * @author zdt
 */
public record SteadyTraffic(double rate) implements TrafficShape {

	/**
	 * Create the shape.
	 * @param rate requests per second, positive
	 */
	public SteadyTraffic {
		if (!(rate > 0)) {
			throw new IllegalArgumentException("rate must be positive, was " + rate);
		}
	}

	@Override
	public Schedule schedule() {
		double period = 1e9 / this.rate;
		long[] index = { 0 };
		return () -> (long) (index[0]++ * period);
	}

	@Override
	public double meanRate() {
		return this.rate;
	}

	@Override
	public int connections() {
		return TrafficShape.connectionsFor(this.rate);
	}

	@Override
	public String name() {
		return "steady";
	}

	@Override
	public String label() {
		return TrafficShape.rateText(this.rate) + " req/s";
	}

}
