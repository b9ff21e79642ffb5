package dev.eksirsa.sandbox.sts;

import java.util.List;

/**
 * What a verified web identity token establishes.
 *
 * @param issuer the token's {@code iss}
 * @param hostAndPath the issuer without {@code https://}: the prefix of its trust-policy condition keys
 * @param providerArn the IAM OIDC provider that vouched for the issuer
 * @param subject the {@code sub} claim, null when absent
 * @param audiences every {@code aud} value
 * @param matchedAudience the first audience that is one of the provider's client ids
 * @param amr the {@code amr} claim's values, empty when absent
 */
record VerifiedWebIdentity(
        String issuer,
        String hostAndPath,
        String providerArn,
        String subject,
        List<String> audiences,
        String matchedAudience,
        List<String> amr) {

    VerifiedWebIdentity {
        audiences = List.copyOf(audiences);
        amr = List.copyOf(amr);
    }
}
