package dev.eksirsa.engine.harness;

import dev.eksirsa.engine.api.EksIrsaException;

/** Harness refused or failed a request; the message is Harness's own (it never echoes the key or a token). */
public class HarnessApiException extends EksIrsaException {
    private final int status;
    private final String code;

    public HarnessApiException(String what, int status, String code, String message) {
        super(what + " failed: Harness answered " + status + (code == null ? "" : " " + code)
                + (message == null || message.isBlank() ? "" : ": " + message));
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    @Override
    public String type() {
        return status == 401 || status == 403 ? "AccessDenied" : "Failure";
    }
}
