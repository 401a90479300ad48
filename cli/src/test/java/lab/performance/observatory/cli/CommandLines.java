package lab.performance.observatory.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What any local user can see of this JVM's descendants, collected ten times a second until closed:
 * their command lines ({@code /proc/PID/cmdline}, arguments joined by spaces), and the addresses
 * their TCP sockets (and this JVM's) listen on, from {@code /proc/net/tcp} and {@code tcp6}.
 */
final class CommandLines implements AutoCloseable {

    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Set<String> listening = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "command-lines");
        t.setDaemon(true);
        return t;
    });

    static CommandLines watchDescendants() {
        CommandLines lines = new CommandLines();
        lines.sampler.scheduleAtFixedRate(lines::sample, 0, 100, TimeUnit.MILLISECONDS);
        return lines;
    }

    private void sample() {
        java.util.Map<String, String> listeners = listeningSockets();
        java.util.stream.Stream.concat(java.util.stream.Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants()).forEach(p -> {
            try (var fds = Files.list(Path.of("/proc", Long.toString(p.pid()), "fd"))) {
                fds.forEach(fd -> {
                    try {
                        String target = Files.readSymbolicLink(fd).toString();
                        if (target.startsWith("socket:[")) {
                            String address = listeners.get(target.substring(8, target.length() - 1));
                            if (address != null) {
                                listening.add(address + " (" + program(p.pid()) + ")");
                            }
                        }
                    } catch (IOException closed) {
                        // closed meanwhile
                    }
                });
            } catch (IOException gone) {
                // ended meanwhile
            }
        });
        ProcessHandle.current().descendants().forEach(p -> {
            try {
                byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
                seen.add(new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim());
            } catch (IOException gone) {
                // ended between listing and reading
            }
        });
    }

    /** Listening sockets by inode: the local address, as 127.0.0.1:PORT, [::1]:PORT or the raw hex of any other. */
    private static java.util.Map<String, String> listeningSockets() {
        java.util.Map<String, String> byInode = new java.util.HashMap<>();
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            try {
                for (String line : Files.readAllLines(Path.of(table)).subList(1, Files.readAllLines(Path.of(table)).size())) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && f[3].equals("0A")) { // LISTEN
                        String[] local = f[1].split(":");
                        int port = Integer.parseInt(local[1], 16);
                        String host = switch (local[0]) {
                            case "0100007F" -> "127.0.0.1";
                            case "00000000000000000000000001000000" -> "[::1]";
                            case "0000000000000000FFFF00000100007F" -> "127.0.0.1";
                            default -> local[0];
                        };
                        byInode.put(f[9], host + ":" + port);
                    }
                }
            } catch (IOException | RuntimeException unreadable) {
                // no such table here
            }
        }
        return byInode;
    }

    /** The program a process runs: its executable, and for a JVM its main class or jar. */
    private static String program(long pid) {
        try {
            String[] args = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8).split("\0");
            for (int i = 1; i < args.length; i++) {
                if (args[i].equals("-cp") || args[i].equals("-classpath")) {
                    return args[0] + " " + (i + 2 < args.length ? args[i + 2] : "");
                }
                if (args[i].equals("-jar") && i + 1 < args.length) {
                    return args[0] + " -jar " + args[i + 1];
                }
            }
            return args[0];
        } catch (IOException gone) {
            return "pid " + pid;
        }
    }

    /** Every listening address seen, with the command of its process. */
    Set<String> listening() {
        return Set.copyOf(listening);
    }

    Set<String> seen() {
        return Set.copyOf(seen);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        sample();
    }
}
