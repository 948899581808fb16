package org.boxoffice.waitingroom.memory;

import java.util.Random;
import org.boxoffice.waitingroom.Queues;
import org.boxoffice.waitingroom.QueuesContract;

class InMemoryQueuesContractTests extends QueuesContract {
    @Override
    protected Queues queues(Random random) {
        return new InMemoryQueues(random);
    }
}
