/**
 * An emulator of the Harness NextGen API the harnessDelegate step uses (../shared/notes/harness-facts.md): delegate
 * tokens, the Kubernetes delegate manifest download, delegate listing with connectivity computed from the sandbox's
 * clusters (a delegate is connected while a running pod of it carries the account id, its name and an active token),
 * and K8sCluster and Aws connectors whose connection test does what a delegate does: the AWS test takes the delegate
 * pod's injected web identity and calls the sandbox's STS and EC2 over the wire. Independent of the engine.
 */
package dev.eksirsa.sandbox.harness;
