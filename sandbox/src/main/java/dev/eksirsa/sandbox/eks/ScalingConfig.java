package dev.eksirsa.sandbox.eks;

public record ScalingConfig(int minSize, int maxSize, int desiredSize) {}
