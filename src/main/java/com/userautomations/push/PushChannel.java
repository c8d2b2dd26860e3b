package com.userautomations.push;

/** How a push reaches a device. Only web push now; FCM and APNs would be further constants (docs/web-push.md). */
public enum PushChannel {
    WEB_PUSH
}
