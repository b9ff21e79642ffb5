package dev.eksirsa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.eksirsa.engine.api.EksIrsaException;
import dev.eksirsa.engine.aws.eks.ClusterResult;
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
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("apiVersion", "v1");
        config.put("kind", "Config");
        config.put(
                "clusters",
                List.of(Map.of(
                        "name",
                        context,
                        "cluster",
                        Map.of(
                                "server",
                                cluster.endpoint(),
                                "certificate-authority-data",
                                cluster.certificateAuthority()))));
        config.put("users", List.of(Map.of("name", context, "user", Map.of("exec", exec))));
        config.put(
                "contexts", List.of(Map.of("name", context, "context", Map.of("cluster", context, "user", context))));
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
