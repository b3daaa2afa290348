package dev.txrx.common.transport;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way this code base makes threads: daemon threads named {@code prefix-1}, {@code prefix-2}, ...
 * What ends one of them unexpectedly (an {@link OutOfMemoryError}, any {@link Error} or uncaught
 * exception) is logged, not lost on a stderr nobody reads.
 *
 * <p>Work that lives as long as one connection (its conversation, its file generator) runs on
 * {@linkplain #perTask per-task threads}: virtual threads where the JDK has them and a blocking
 * call inside {@code synchronized} no longer pins its carrier (JDK 24 and later; the code is
 * compiled for 17, so they are looked up reflectively), platform threads otherwise. On JDK 21 to
 * 23 a thread blocked on a socket write inside a monitor (the frame writer's) would hold one of
 * the few carriers, and a few stalled peers would stop every other connection.
 */
public final class Threads {

    private static final Logger log = LoggerFactory.getLogger(Threads.class);
    private static final Thread.UncaughtExceptionHandler LOG_DEATH =
            (thread, e) -> log.error("thread {} ended by {}", thread.getName(), e, e);
    /** The first JDK whose virtual threads do not pin their carrier inside {@code synchronized} (JEP 491). */
    static final int VIRTUAL_FROM = 24;
    /** {@code -Dtxrx.virtualThreads=false} keeps platform threads on any JDK. */
    static final String VIRTUAL_PROPERTY = "txrx.virtualThreads";
    private static final VirtualThreads VIRTUAL = VirtualThreads.lookUp(Runtime.version().feature(),
            Boolean.parseBoolean(System.getProperty(VIRTUAL_PROPERTY, "true")));

    private Threads() {
    }

    /** A factory of daemon threads named after {@code prefix} and a running number. */
    public static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler(LOG_DEATH);
            return thread;
        };
    }

    /** One daemon thread named {@code name}, not started. */
    public static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler(LOG_DEATH);
        return thread;
    }

    /** True when {@link #perTask} and {@link #task} make virtual threads. */
    public static boolean virtual() {
        return VIRTUAL != null;
    }

    /**
     * A factory of threads for work as long as a connection, named after {@code prefix} and a
     * running number: virtual where {@link #virtual()}, daemon platform threads otherwise.
     */
    public static ThreadFactory perTask(String prefix) {
        return VIRTUAL == null ? named(prefix) : VIRTUAL.factory(prefix);
    }

    /**
     * An executor that runs each task on a new {@link #perTask} thread, without bound: on platform
     * threads a cached pool (an idle thread serves the next task for a minute), on virtual threads
     * one thread a task, which costs no more than the task's stack.
     */
    public static ExecutorService perTaskExecutor(String prefix) {
        return VIRTUAL == null ? Executors.newCachedThreadPool(named(prefix)) : VIRTUAL.executor(prefix);
    }

    /** One {@link #perTask} thread named {@code name}, not started. */
    public static Thread task(String name, Runnable task) {
        if (VIRTUAL == null) {
            return daemon(name, task);
        }
        Thread thread = VIRTUAL.factory(name).newThread(task);
        thread.setName(name);
        return thread;
    }

    /** {@code Thread.ofVirtual()} and {@code Executors.newThreadPerTaskExecutor}, looked up once. */
    static final class VirtualThreads {
        private final Method ofVirtual;
        private final Method name;
        private final Method handler;
        private final Method factory;
        private final Method perTaskExecutor;

        private VirtualThreads(Method ofVirtual, Method name, Method handler, Method factory, Method perTaskExecutor) {
            this.ofVirtual = ofVirtual;
            this.name = name;
            this.handler = handler;
            this.factory = factory;
            this.perTaskExecutor = perTaskExecutor;
        }

        /** The virtual threads of this JDK, or null if it has none, or they pin, or they are not {@code wanted}. */
        static VirtualThreads lookUp(int feature, boolean wanted) {
            if (!wanted || feature < VIRTUAL_FROM) {
                return null;
            }
            try {
                Class<?> builder = Class.forName("java.lang.Thread$Builder");
                return new VirtualThreads(Thread.class.getMethod("ofVirtual"),
                        builder.getMethod("name", String.class, long.class),
                        builder.getMethod("uncaughtExceptionHandler", Thread.UncaughtExceptionHandler.class),
                        builder.getMethod("factory"),
                        Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                log.debug("no virtual threads on this JDK: {}", e.toString());
                return null;
            }
        }

        ThreadFactory factory(String prefix) {
            try {
                Object builder = ofVirtual.invoke(null);
                builder = name.invoke(builder, prefix + "-", 1L);
                builder = handler.invoke(builder, LOG_DEATH);
                return (ThreadFactory) factory.invoke(builder);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make virtual threads", e);
            }
        }

        ExecutorService executor(String prefix) {
            try {
                return (ExecutorService) perTaskExecutor.invoke(null, factory(prefix));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make virtual threads", e);
            }
        }
    }
}
