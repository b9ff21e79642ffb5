package dev.eksirsa.engine.steps;

import dev.eksirsa.engine.api.EksIrsaException;

/** A step ran but did not reach what it was asked (a delegate that did not connect, a connector test that failed). */
public class StepFailedException extends EksIrsaException {

    public StepFailedException(String step, String summary) {
        super(step + " did not succeed: " + summary);
    }
}
