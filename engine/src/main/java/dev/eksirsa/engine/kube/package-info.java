/**
 * Kubernetes API clients (fabric8) for EKS clusters: from endpoint + CA + an EKS bearer token that refreshes
 * itself, or from a kubeconfig file; and the translation of the API server's refusals into plain advice.
 * Depends on {@code engine.aws} (tokens are signed with the connection's credentials), never the reverse.
 */
package dev.eksirsa.engine.kube;
