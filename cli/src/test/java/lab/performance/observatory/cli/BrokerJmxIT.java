package lab.performance.observatory.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import lab.performance.observatory.process.ChildProcess;
import lab.performance.observatory.process.FreePorts;
import lab.performance.observatory.stack.KafkaBrokerMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker's JMX on a shared machine: any local user can reach the loopback port, so it
 * must refuse whoever lacks the password (a JMX client with write access can run code in the
 * broker), and the password is on no command line.
 */
class BrokerJmxIT {

    @TempDir
    Path dir;

    @Test
    void theBrokersJmxRefusesWhoeverLacksItsPasswordAndReadsForWhoeverHasIt() throws Exception {
        ChildSecrets.Jmx jmx = ChildSecrets.Jmx.create(FreePorts.pick(), dir.resolve("secrets"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(jmx.passwordFile()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("secrets")))).isEqualTo("rwx------");
        try (ChildProcess broker = ChildJvms.broker(dir.resolve("kafka"), dir.resolve("broker.log"), jmx)) {
            broker.awaitLine(l -> l.startsWith(KafkaBrokerMain.READY), Duration.ofSeconds(90));
            String commandLine = new String(Files.readAllBytes(Path.of("/proc", Long.toString(broker.handle().pid()), "cmdline")),
                    StandardCharsets.UTF_8);
            assertThat(commandLine).contains("observatory.jmx.password-file").doesNotContain(jmx.password());

            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmx.port() + "/jmxrmi");
            assertThatThrownBy(() -> JMXConnectorFactory.connect(url).close()).isInstanceOf(SecurityException.class);
            assertThatThrownBy(() -> JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS,
                    new String[] {jmx.user(), "guess"})).close()).isInstanceOf(SecurityException.class);
            try (JMXConnector connector = JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS,
                    new String[] {jmx.user(), jmx.password()}))) {
                var mbeans = connector.getMBeanServerConnection();
                ObjectName messagesIn = new ObjectName("kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec");
                assertThat(mbeans.getAttribute(messagesIn, "Count")).isInstanceOf(Long.class);
                // read-only: no MBean operation may be invoked (that is how a JMX client would run code)
                assertThatThrownBy(() -> mbeans.invoke(new ObjectName("java.lang:type=Memory"), "gc", null, null))
                        .isInstanceOf(SecurityException.class);
            }
        }
    }
}
