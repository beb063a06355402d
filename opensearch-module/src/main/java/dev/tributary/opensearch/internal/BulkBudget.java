package dev.tributary.opensearch.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bulk indexer's memory budget, counted in exact bytes. A semaphore of whole KiB per operation ran out long
 * before a batch of small documents reached {@code maxBytes}: with {@code maxBytes == maxBufferedBytes} and no
 * interval flusher nothing was ever sent again.
 */
final class BulkBudget {
    private final long capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private long available;

    BulkBudget(long capacity) {
        this.capacity = capacity;
        this.available = capacity;
    }

    long capacity() {
        return capacity;
    }

    boolean tryAcquire(long bytes) {
        lock.lock();
        try {
            if (available < bytes) {
                return false;
            }
            available -= bytes;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code timeout} for {@code bytes}; returns whether they were taken. */
    boolean tryAcquire(long bytes, long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (available < bytes) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = released.awaitNanos(nanos);
            }
            available -= bytes;
            return true;
        } finally {
            lock.unlock();
        }
    }

    void release(long bytes) {
        lock.lock();
        try {
            available += bytes;
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
