package org.kycsuite.kyc.handler;

/** What the workflow does after the risk assessment. */
public enum Outcome { APPROVE, REJECT, REVIEW }
