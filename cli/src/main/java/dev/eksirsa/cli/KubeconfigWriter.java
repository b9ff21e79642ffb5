package dev.eksirsa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.eksirsa.engine.api.EksIrsaException;
import dev.eksirsa.engine.api.InvalidInputException;
import dev.eksirsa.engine.cluster.ClusterResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A kubeconfig for one cluster whose user runs {@code eks-irsa token} (exec plugin), so it holds no secret and
 * later kubectl stages get fresh tokens.
 */
final class KubeconfigWriter {
    private KubeconfigWriter() {}

    /** @param tokenCommand the command and leading arguments that run eks-irsa, e.g. {@code [java, -jar, x.jar]} */
    static void write(Path file, ClusterResult cluster, List<String> tokenCommand, List<String> connectionArgs) {
        if (cluster.endpoint() == null || cluster.certificateAuthority() == null) {
            throw new EksIrsaException("EKS cluster \"" + cluster.name() + "\" reports no API endpoint or CA yet;"
                    + " no kubeconfig written");
        }
        String context = cluster.arn();
        List<String> args = new ArrayList<>(tokenCommand.subList(1, tokenCommand.size()));
        args.addAll(List.of("token", "--cluster", cluster.name(), "--region", cluster.region()));
        args.addAll(connectionArgs);
        Map<String, Object> exec = new LinkedHashMap<>();
        exec.put("apiVersion", TokenCommand.API_VERSION);
        exec.put("command", tokenCommand.get(0));
        exec.put("args", args);
        exec.put("interactiveMode", "Never");
        Map<String, Object> config = existing(file);
        config.putIfAbsent("apiVersion", "v1");
        config.putIfAbsent("kind", "Config");
        Map<String, Object> clusterEntry = new LinkedHashMap<>();
        clusterEntry.put("server", cluster.endpoint());
        clusterEntry.put("certificate-authority-data", cluster.certificateAuthority());
        upsert(config, "clusters", context, "cluster", clusterEntry);
        upsert(config, "users", context, "user", Map.of("exec", exec));
        upsert(config, "contexts", context, "context", Map.of("cluster", context, "user", context));
        config.put("current-context", context);
        try {
            Path target = file.toAbsolutePath();
            Path tmp = Files.createTempFile(target.getParent(), ".kubeconfig", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file inherits the directory's ACL
            }
            new ObjectMapper(new YAMLFactory()).writeValue(tmp.toFile(), config);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new EksIrsaException("cannot write kubeconfig " + file + ": " + e.getMessage(), null, e);
        }
    }

    /**
     * Checks, before any call, that the kubeconfig can be written where asked: not a directory, in an existing
     * writable directory, and a present file writable. Exit 2 otherwise.
     */
    static void checkWritable(Path file) {
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new InvalidInputException("writeKubeconfig", file + " is a directory");
        }
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new InvalidInputException("writeKubeconfig", "the directory of " + file + " does not exist");
        }
        if (!Files.isWritable(parent) || (Files.exists(target) && !Files.isWritable(target))) {
            throw new InvalidInputException("writeKubeconfig", file + " is not writable");
        }
        if (Files.exists(target)) {
            existing(target); // an existing file we cannot merge into is refused now, not after the cluster is made
        }
    }

    /** The existing kubeconfig's entries (kept: other clusters, users, contexts), or an empty one. */
    private static Map<String, Object> existing(Path file) {
        if (!Files.exists(file)) {
            return new LinkedHashMap<>();
        }
        try {
            Map<String, Object> read = SpecFile.read(file, "writeKubeconfig");
            for (String list : List.of("clusters", "users", "contexts")) {
                if (read.containsKey(list) && !(read.get(list) instanceof List)) {
                    throw new InvalidInputException("writeKubeconfig", file + ": " + list + " must be a list");
                }
            }
            return read;
        } catch (InvalidInputException e) {
            throw new InvalidInputException("writeKubeconfig", "cannot merge into " + file + ": " + e.rule());
        }
    }

    /** Replaces the entry called {@code name} in {@code config[list]}, or adds it, as aws eks update-kubeconfig does. */
    @SuppressWarnings("unchecked")
    private static void upsert(Map<String, Object> config, String list, String name, String key, Object value) {
        List<Object> entries = new ArrayList<>(config.get(list) instanceof List<?> l ? (List<Object>) l : List.of());
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put(key, value);
        boolean replaced = false;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) instanceof Map<?, ?> m && name.equals(m.get("name"))) {
                entries.set(i, entry);
                replaced = true;
            }
        }
        if (!replaced) {
            entries.add(entry);
        }
        config.put(list, entries);
    }

    /**
     * How to run this very eks-irsa again: {@code java -jar <this jar>}; from a classes directory (a build or an
     * IDE) {@code java -cp <this JVM's class path> <Main>}; else {@code eks-irsa} from PATH.
     */
    static List<String> selfCommand() {
        try {
            Path location = Path.of(Main.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            if (location.toString().endsWith(".jar")) {
                return List.of(java, "-jar", location.toString());
            }
            if (Files.isDirectory(location)) {
                return List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName());
            }
        } catch (Exception e) {
            // fall through to PATH
        }
        return List.of("eks-irsa");
    }
}
