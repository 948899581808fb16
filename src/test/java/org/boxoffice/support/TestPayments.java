package org.boxoffice.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.boxoffice.payment.PaymentGateway;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The payment gateway as tests see it, in every node started from the test classpath with
 * {@code boxoffice.test.payment-call-log} set (in this JVM or a process of its own):
 * <ul>
 * <li>every charge and refund call is written to that file before it reaches the gateway, outside the database under
 * test, so that a test can count the calls (the gateway's ledger would hide a second refund: it refunds once by
 * constraint), also those of a node killed a moment later;</li>
 * <li>a charge with a token starting {@code tok_gated} waits until the test opens the {@link #gate()}, so that a test
 * can act while a charge is in flight without guessing how long it takes; it is then charged as {@code tok_visa};</li>
 * <li>likewise the refund of the order given to {@link #refundGate(String)}.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("boxoffice.test.payment-call-log")
public class TestPayments {
    private static volatile Gate gate = new Gate();
    private static volatile Gate refundGate = new Gate();
    private static volatile String gatedRefund;

    /** A call held back until the test opens it. */
    public static final class Gate {
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch open = new CountDownLatch(1);

        /** Waits until the gated call has reached the gateway. */
        public boolean awaitCall() throws InterruptedException {
            return arrived.await(10, TimeUnit.SECONDS);
        }

        public void open() {
            open.countDown();
        }

        /** The first call waits for the test; later ones (a second refund attempt, say) go through, to be counted. */
        void pass() {
            if (arrived.getCount() == 0) {
                return;
            }
            arrived.countDown();
            try {
                if (!open.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never opened the payment gate");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A fresh gate for the next gated charge. */
    public static Gate gate() {
        gate = new Gate();
        return gate;
    }

    /** A fresh gate for the refund of this order. */
    public static Gate refundGate(String orderId) {
        refundGate = new Gate();
        gatedRefund = orderId;
        return refundGate;
    }

    /** The calls written to the log, as lines {@code charge <orderId>} and {@code refund <orderId>}. */
    public static List<String> calls(Path log) {
        try {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static long calls(Path log, String method, String orderId) {
        return calls(log).stream().filter((method + " " + orderId)::equals).count();
    }

    @Bean
    static BeanPostProcessor paymentCallLog(Environment environment) {
        Path log = Path.of(environment.getRequiredProperty("boxoffice.test.payment-call-log"));
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof PaymentGateway gateway ? logged(gateway, log) : bean;
            }
        };
    }

    private static PaymentGateway logged(PaymentGateway gateway, Path log) {
        return (PaymentGateway) Proxy.newProxyInstance(TestPayments.class.getClassLoader(), new Class<?>[] {PaymentGateway.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("charge") || method.getName().equals("refund")) {
                        write(log, method.getName() + " " + args[0]);
                    }
                    if (method.getName().equals("charge") && ((String) args[2]).startsWith("tok_gated")) {
                        gate.pass();
                        args[2] = "tok_visa";
                    }
                    if (method.getName().equals("refund") && args[0].equals(gatedRefund)) {
                        refundGate.pass();
                    }
                    try {
                        return method.invoke(gateway, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static synchronized void write(Path log, String line) {
        try {
            Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
