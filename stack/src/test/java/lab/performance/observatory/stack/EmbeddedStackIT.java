package lab.performance.observatory.stack;

import lab.performance.observatory.process.ResourceSampler;
import lab.performance.observatory.process.ProcessStats;
import lab.performance.observatory.process.ChildProcess;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedStackIT {

    @Test
    void brokerStoresAndServesRecords() throws Exception {
        EmbeddedStack stack = EmbeddedStack.get();
        try (Admin admin = stack.admin()) {
            admin.createTopics(List.of(new NewTopic("stack-test", 2, (short) 1))).all().get();
        }
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("stack-test", "k" + i, "v" + i)).get();
            }
        }
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "stack-test");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        int received = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("stack-test"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received < 10 && System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                received += records.count();
            }
        }
        assertThat(received).isEqualTo(10);
    }

    @Test
    void postgresAnswersQueriesInTheObservatoryDatabase() throws Exception {
        EmbeddedStack stack = EmbeddedStack.get();
        try (Connection c = stack.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_database(), version()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("observatory");
            assertThat(rs.getString(2)).startsWith("PostgreSQL 17");
        }
        assertThat(stack.postgres().orElseThrow().process()).isPresent();
    }

    @Test
    void aSecondStartOnTheSameDataBorrowsTheRunningServerAndLeavesItRunning() throws Exception {
        var dir = EmbeddedStack.get().newDirectory("borrowed");
        try (EmbeddedPostgresServer owner = EmbeddedPostgresServer.start(dir.resolve("pg"), Path.of("target/pg-binaries").toAbsolutePath())) {
            assertThat(owner.owned()).isTrue();
            try (EmbeddedPostgresServer borrowed = EmbeddedPostgresServer.start(dir.resolve("pg"), Path.of("target/pg-binaries").toAbsolutePath())) {
                assertThat(borrowed.owned()).isFalse();
                assertThat(borrowed.port()).isEqualTo(owner.port());
                assertThat(borrowed.ownerPid()).isEqualTo(ProcessHandle.current().pid());
            }
            try (Connection c = owner.dataSource().getConnection(); Statement s = c.createStatement()) {
                assertThat(s.execute("SELECT 1")).isTrue(); // closing the borrower did not stop it
            }
        }
        assertThat(dir.resolve("pg/observatory.owner")).doesNotExist();
    }

    @Test
    void everyConnectionNeedsThePasswordOfTheDataDirectoryWhichOutlivesARestart() throws Exception {
        var dir = EmbeddedStack.get().newDirectory("password").resolve("pg");
        String password;
        int port;
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dir, Path.of("target/pg-binaries").toAbsolutePath())) {
            password = postgres.password();
            port = postgres.port();
            assertThat(password).hasSizeGreaterThanOrEqualTo(32);
            assertThat(java.nio.file.Files.getPosixFilePermissions(EmbeddedPostgresServer.passwordFile(dir)))
                    .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/observatory";
            // as any other local user would: no password, a wrong one, the replication protocol
            assertThat(refusal(url, Map.of("user", "postgres"))).contains("password");
            assertThat(refusal(url, Map.of("user", "postgres", "password", "guess"))).contains("password authentication failed");
            assertThat(refusal(url, Map.of("user", "postgres", "replication", "database", "preferQueryMode", "simple")))
                    .contains("password");
            try (Connection c = java.sql.DriverManager.getConnection(url, "postgres", password); Statement s = c.createStatement()) {
                assertThat(s.execute("SELECT 1")).isTrue();
            }
        }
        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(dir, Path.of("target/pg-binaries").toAbsolutePath());
             Connection c = again.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertThat(again.password()).isEqualTo(password);
            assertThat(s.execute("SELECT 1")).isTrue();
            assertThat(refusal("jdbc:postgresql://127.0.0.1:" + again.port() + "/observatory", Map.of("user", "postgres"))).contains("password");
        }
    }

    /** Why the server refused this connection; fails if it accepted it. */
    static String refusal(String url, Map<String, String> properties) {
        Properties p = new Properties();
        p.putAll(properties);
        p.put("org.postgresql.pgpassfile", "/nonexistent"); // not the user's own ~/.pgpass
        try (Connection c = java.sql.DriverManager.getConnection(url, p)) {
            throw new AssertionError("PostgreSQL accepted a connection with " + properties.keySet());
        } catch (java.sql.SQLException refused) {
            return refused.getMessage();
        }
    }

    @Test
    void processStatsReadThisJvmAndThePostgresTree() throws Exception {
        ProcessStats self = ProcessStats.of(ProcessHandle.current().pid()).orElseThrow();
        assertThat(self.cpuSeconds()).isPositive();
        assertThat(self.rssBytes()).isGreaterThan(10L << 20);
        assertThat(self.peakRssBytes()).isGreaterThanOrEqualTo(self.rssBytes());
        assertThat(self.openFiles()).isPositive();
        // every thread of this JVM has blocked at least once; the sum grows as they go on
        assertThat(self.voluntarySwitches()).isGreaterThan(self.threads());
        assertThat(self.runQueueSeconds()).as("JIT and GC threads have waited for a core at some point").isPositive();
        java.util.concurrent.CountDownLatch slept = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread sleeper = new Thread(() -> {
            try {
                for (int i = 0; i < 50; i++) {
                    Thread.sleep(1);
                }
                slept.countDown();
                release.await(); // alive while counted: an exited thread takes its switches along
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        sleeper.start();
        slept.await();
        try {
            assertThat(ProcessStats.of(ProcessHandle.current().pid()).orElseThrow().voluntarySwitches())
                    .isGreaterThanOrEqualTo(self.voluntarySwitches() + 50);
        } finally {
            release.countDown();
            sleeper.join();
        }
        // three more descriptors while three files are open (other threads of this JVM may open or close some meanwhile)
        var dir = EmbeddedStack.get().newDirectory("open-files");
        List<java.io.InputStream> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                java.nio.file.Files.writeString(dir.resolve("f" + i), "x");
                open.add(java.nio.file.Files.newInputStream(dir.resolve("f" + i)));
            }
            assertThat(ProcessStats.of(ProcessHandle.current().pid()).orElseThrow().openFiles()).isBetween(self.openFiles() + 1, self.openFiles() + 12);
        } finally {
            for (java.io.InputStream in : open) {
                in.close();
            }
        }
        ProcessHandle postmaster = EmbeddedStack.get().postgres().orElseThrow().process().orElseThrow();
        ProcessStats tree = ProcessStats.ofTree(postmaster).orElseThrow();
        ProcessStats alone = ProcessStats.of(postmaster.pid()).orElseThrow();
        assertThat(tree.rssBytes()).isGreaterThan(alone.rssBytes());
        assertThat(tree.openFiles()).as("the backends' descriptors count too").isGreaterThan(alone.openFiles());
        assertThat(ProcessStats.of(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void brokerRunsAsASupervisedChildProcessAndStopsOnSigterm() throws Exception {
        EmbeddedStack stack = EmbeddedStack.get();
        var dir = stack.newDirectory("child-broker");
        List<String> command = ChildProcess.javaCommand(List.of("-Xmx256m", "-D" + lab.performance.observatory.process.ParentWatch.PROPERTY + "=" + ProcessHandle.current().pid()),
                System.getProperty("java.class.path"), KafkaBrokerMain.class.getName(), List.of(dir.resolve("kafka").toString()));
        try (ChildProcess broker = ChildProcess.start("broker", command, dir.resolve("broker.log"), Map.of())) {
            String ready = broker.awaitLine(l -> l.startsWith(KafkaBrokerMain.READY), Duration.ofSeconds(60));
            String bootstrap = ready.substring(KafkaBrokerMain.READY.length());
            Properties props = new Properties();
            props.put("bootstrap.servers", bootstrap);
            try (Admin admin = Admin.create(props)) {
                admin.createTopics(List.of(new NewTopic("child", 1, (short) 1))).all().get();
                assertThat(admin.listTopics().names().get()).contains("child");
            }
            ResourceSampler sampler = new ResourceSampler(lab.performance.observatory.core.time.NanoClock.system(), Duration.ofMillis(100));
            sampler.watch("broker", broker.handle());
            sampler.sampleNow();
            assertThat(sampler.samples()).singleElement().satisfies(s -> {
                assertThat(s.component()).isEqualTo("broker");
                assertThat(s.rssBytes()).isPositive();
            });
            int status = broker.stop(Duration.ofSeconds(30));
            assertThat(status).isEqualTo(143); // 128 + SIGTERM: the shutdown hook ran and the JVM exited
        }
        // formatted once: a second start reuses the directory
        try (ChildProcess again = ChildProcess.start("broker2", command, dir.resolve("broker2.log"), Map.of())) {
            again.awaitLine(l -> l.startsWith(KafkaBrokerMain.READY), Duration.ofSeconds(60));
        }
    }
}
