package dev.lodestone.server;

/** Where a node is in its life, as readiness and the loading gate see it. */
final class NodeState {
    private volatile boolean modelsLoaded;
    private volatile boolean shuttingDown;

    boolean modelsLoaded() {
        return modelsLoaded;
    }

    void modelsLoaded(boolean loaded) {
        this.modelsLoaded = loaded;
    }

    boolean shuttingDown() {
        return shuttingDown;
    }

    void beginShutdown() {
        this.shuttingDown = true;
    }
}
