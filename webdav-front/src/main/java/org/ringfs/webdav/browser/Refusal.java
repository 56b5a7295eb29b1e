package org.ringfs.webdav.browser;

/** An action the page asked for that is not done: the HTTP status and the sentence the person reads. */
public final class Refusal extends RuntimeException {
    private final int status;

    public Refusal(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() { return status; }
}
