package dev.eksirsa.sandbox.ec2;

/** A zone of the sandbox's region; the zone id mapping differs per account, as in AWS. */
public record AvailabilityZone(String zoneName, String zoneId, String regionName) {}
