/**
 * The sandbox's Kubernetes side: one API server per EKS cluster ({@link dev.eksirsa.sandbox.kube.KubeApiServers}),
 * built on fabric8's mock server in CRUD mode behind {@link dev.eksirsa.sandbox.kube.KubeDispatcher}.
 *
 * <p>Known simplifications, each deliberate:
 * <ul>
 *   <li>Server-side apply is create-or-merge (strategic-merge semantics) and records the field manager in
 *       {@code managedFields}; there is no field ownership and no conflict detection, so {@code force} changes nothing.
 *       Apply bodies must be JSON (kubectl and fabric8 send JSON).
 *   <li>Strategic merge patch knows the merge keys of the built-in lists (containers, env, volumes, volumeMounts,
 *       ports, ...); ordering directives are ignored.
 *   <li>Watches are served over WebSocket only (what fabric8 uses); kubectl's HTTP streaming watch is not, which
 *       {@code kubectl rollout status} and {@code kubectl wait} do not need because controllers finish synchronously
 *       before the write that triggered them returns.
 *   <li>Authorisation is all-or-nothing per cluster: the creator (with bootstrap admin rights), any principal with an
 *       access entry, or (in the CONFIG_MAP modes) any ARN listed in {@code kube-system/aws-auth} may do everything;
 *       access policies and Kubernetes groups/RBAC are not evaluated. No OpenAPI is served, so kubectl apply needs
 *       {@code --validate=false}.
 *   <li>Server-side dry run covers create, update, delete, strategic merge, merge and apply patches; a JSON-patch dry
 *       run is refused with 400 rather than silently stored.
 *   <li>Deleting a namespace does not delete its contents.
 * </ul>
 */
package dev.eksirsa.sandbox.kube;
