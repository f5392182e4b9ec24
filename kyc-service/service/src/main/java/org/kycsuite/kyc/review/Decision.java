package org.kycsuite.kyc.review;

/** A compliance officer's decision on a review. */
public enum Decision { APPROVE, REJECT }
