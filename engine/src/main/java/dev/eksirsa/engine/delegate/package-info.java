/**
 * The manifest half of the {@code harnessDelegate} step: a Harness NextGen Kubernetes delegate rendered from
 * fabric8 model objects ({@link dev.eksirsa.engine.delegate.DelegateManifest}), and the manifest Harness lets users
 * download made fit for IRSA ({@link dev.eksirsa.engine.delegate.DownloadedManifestPatcher}). Both bind the
 * delegate's RBAC to the IRSA service account the role step annotated, never to {@code default}, and never render
 * that service account. The token goes into Secrets only; nothing here prints it. No Kubernetes or Harness client:
 * applying and registering are the step's other half.
 */
package dev.eksirsa.engine.delegate;
