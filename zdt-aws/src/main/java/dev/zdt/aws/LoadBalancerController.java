package dev.zdt.aws;

import java.util.Optional;

/**
 * The controllers that inject target health readiness gates, and where each keeps its
 * TargetGroupBindings.
 */
enum LoadBalancerController {

	SELF_MANAGED(KubernetesTargetGroupDiscovery.READINESS_GATE_PREFIX, "elbv2.k8s.aws/v1beta1",
			"targetgroupbindings.elbv2.k8s.aws",
			"check that the AWS Load Balancer Controller is installed and manages this pod's Service"),

	/*
	 * EKS Auto Mode serves TargetGroupBindings as targetgroupbindings.eks.amazonaws.com,
	 * version v1: the version of the CRD Auto Mode installs (kubectl get crd) and of the
	 * group's other kinds in the EKS user guide (IngressClassParams and NodeClass are
	 * eks.amazonaws.com/v1, "Create an IngressClass to configure an Application Load
	 * Balancer", docs.aws.amazon.com/eks/latest/userguide/auto-configure-alb.html).
	 */
	AUTO_MODE(KubernetesTargetGroupDiscovery.AUTO_MODE_READINESS_GATE_PREFIX, "eks.amazonaws.com/v1",
			"targetgroupbindings.eks.amazonaws.com",
			"check that EKS Auto Mode's load balancing manages this pod's Service");

	private final String gatePrefix;

	private final String apiVersion;

	private final String resource;

	private final String notFoundFix;

	LoadBalancerController(String gatePrefix, String apiVersion, String resource, String notFoundFix) {
		this.gatePrefix = gatePrefix;
		this.apiVersion = apiVersion;
		this.resource = resource;
		this.notFoundFix = notFoundFix;
	}

	Optional<Binding> binding(String readinessGate) {
		if (readinessGate.startsWith(this.gatePrefix) && readinessGate.length() > this.gatePrefix.length()) {
			return Optional.of(new Binding(this, readinessGate.substring(this.gatePrefix.length())));
		}
		return Optional.empty();
	}

	String apiVersion() {
		return this.apiVersion;
	}

	String notFoundFix() {
		return this.notFoundFix + " (" + this.resource + ")";
	}

	/**
	 * A TargetGroupBinding that a readiness gate names.
	 *
	 * @param controller the controller that keeps it
	 * @param name its name
	 */
	record Binding(LoadBalancerController controller, String name) {

	}

}
