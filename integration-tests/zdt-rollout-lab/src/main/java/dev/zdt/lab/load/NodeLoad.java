package dev.zdt.lab.load;

/**
 * The requests one load balancer node got from the clients, and how many of them failed
 * (5xx or a client-side error).
 *
 * @param requests requests sent to the node that completed
 * @param failed those of them that failed
 * @author zdt
 */
public record NodeLoad(long requests, long failed) {

	@Override
	public String toString() {
		return "requests=" + this.requests + " failed=" + this.failed;
	}

}
