package io.sadtalker.core;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/** libtorch turns autograd on in every new thread; inference threads switch it off first. */
public final class GradMode {
    private GradMode() {
    }

    /**
     * Disables gradient recording for the calling thread (a no-op when the PyTorch engine is not in use). Loads
     * the engine first: libtorch's JNI functions are unavailable until it is.
     */
    public static void disableForThisThread() {
        if ("PyTorch".equals(Engine.getDefaultEngineName())) {
            Engine.getEngine("PyTorch");
            JniUtils.setGradMode(false);
        }
    }
}
