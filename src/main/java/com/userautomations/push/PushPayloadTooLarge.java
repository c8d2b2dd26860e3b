package com.userautomations.push;

/** A push whose payload does not fit the one 4,096-byte record push services take; its message is a plain sentence. */
public class PushPayloadTooLarge extends RuntimeException {
    public PushPayloadTooLarge(int bytes) {
        super("The push payload is " + bytes + " bytes; at most " + PushEncryption.MAX_PLAINTEXT + " fit in one push");
    }
}
