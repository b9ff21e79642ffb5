/**
 * The sandbox's Kubernetes side: one API server per EKS cluster ({@link dev.eksirsa.sandbox.kube.KubeApiServers}),
 * built on fabric8's mock server in CRUD mode behind {@link dev.eksirsa.sandbox.kube.KubeDispatcher}.
 *
 * <p>Known simplifications, each deliberate:
 * <ul>
 *   <li>Server-side apply keeps field ownership in {@code managedFields} (FieldsV1) the way structured-merge-diff does:
 *       a re-apply removes the fields its manager no longer names unless another manager owns them too, changing a
 *       field another manager owns is a 409 {@code FieldManagerConflict} unless {@code force=true}, and every other
 *       write is an Update of its {@code fieldManager} (else its User-Agent's product). Objects are walked without a
 *       schema: maps and structs are granular, the lists strategic merge knows a merge key for are keyed by it (one
 *       key field, where Kubernetes may use several, e.g. a port's protocol), every other list and a label selector
 *       are atomic. Apply bodies must be JSON (kubectl and fabric8 send JSON). Writes of the sandbox's own controllers
 *       and of subresources (status, scale) record no manager; an object without {@code managedFields} (e.g. seeded)
 *       is owned by {@code before-first-apply} when it is first applied.
 *   <li>Strategic merge patch knows the merge keys of the built-in lists (containers, env, volumes, volumeMounts,
 *       ports, ...); ordering directives are ignored.
 *   <li>Watches are served over WebSocket only (what fabric8 uses); kubectl's HTTP streaming watch is not, which
 *       {@code kubectl rollout status} and {@code kubectl wait} do not need because controllers finish synchronously
 *       before the write that triggered them returns.
 *   <li>Authorisation: the creator (with bootstrap admin rights) and (in the CONFIG_MAP modes) any ARN listed in
 *       {@code kube-system/aws-auth} may do everything (its groups are not read); a principal with an access entry
 *       may do what its associated access policies allow in their scope ({@link
 *       dev.eksirsa.sandbox.kube.AccessPolicyAuthorizer}), plus discovery. Kubernetes groups and RBAC objects are not
 *       evaluated, and a server-side apply that creates an object is not checked for {@code create} as well as
 *       {@code patch}. No OpenAPI is served, so kubectl apply needs {@code --validate=false}.
 *   <li>Server-side dry run covers create, update, delete and every patch type; it is logged as not mutating.
 *   <li>Deleting a namespace does not delete its contents.
 * </ul>
 */
package dev.eksirsa.sandbox.kube;
