package dev.eksirsa.engine.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.eksirsa.testkit.RealClients;
import java.awt.image.BufferedImage;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report displays under Jenkins' Content-Security-Policy for build artifacts: served with exactly that
 * header, rendered by headless Chromium, and the screenshot shows the chain's green and red edges.
 */
class VerifyReportRenderingTest {
    /** What Jenkins sends for files it serves from a build (DirectoryBrowserSupport's default). */
    static final String JENKINS_CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'self';";

    private static VerifyResult brokenAtRole2() {
        return new VerifyResult(
                "prod",
                "apps",
                "web",
                false,
                List.of(
                        Check.pass("serviceAccount.exists", "apps/web", "exists"),
                        Check.pass("oidc.provider", "arn:aws:iam::111122223333:oidc-provider/oidc.eks", "exists"),
                        Check.pass("trust.webIdentity", "arn:aws:iam::111122223333:role/Role-1", "lets it in"),
                        Check.pass("live.webIdentity", "arn:aws:iam::111122223333:role/Role-1", "caller ok"),
                        Check.fail(
                                "hop[0].permission",
                                "arn:aws:iam::111122223333:role/Role-1",
                                "no sts:AssumeRole on Role-2",
                                "allow it")),
                List.of(Map.of("roleArn", "arn:aws:iam::111122223333:role/Role-1")),
                12,
                List.of());
    }

    @Test
    void theReport_hasNothingTheCspForbids() {
        String html = VerifyReports.html(brokenAtRole2());
        assertThat(html).doesNotContain("<script", "<style", "style=", "src=", "href=", "<link", "url(");
        assertThat(html).contains("<svg", "stroke=\"#2e7d32\"", "stroke=\"#c62828\"");
    }

    @Test
    void theChain_showsInHeadlessChromium_underJenkinsCsp(@TempDir Path dir) throws Exception {
        Path chromium = RealClients.chromium();
        byte[] page = VerifyReports.html(brokenAtRole2()).getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/report.html", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Content-Security-Policy", JENKINS_CSP);
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        server.start();
        Path screenshot = dir.resolve("report.png");
        try {
            Process process = new ProcessBuilder(
                            chromium.toString(),
                            "--headless",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--hide-scrollbars",
                            "--user-data-dir=" + dir.resolve("profile"),
                            "--window-size=1300,700",
                            "--screenshot=" + screenshot,
                            "http://127.0.0.1:" + server.getAddress().getPort() + "/report.html")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("chromium.log").toFile())
                    .start();
            assertThat(process.waitFor(120, TimeUnit.SECONDS))
                    .as("chromium finished")
                    .isTrue();
        } finally {
            server.stop(0);
        }
        assertThat(screenshot).exists();
        BufferedImage image = ImageIO.read(screenshot.toFile());
        int green = 0;
        int red = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                if (near(rgb, 0x2e7d32)) {
                    green++;
                } else if (near(rgb, 0xc62828)) {
                    red++;
                }
            }
        }
        assertThat(green)
                .as("green edges drawn ("
                        + Files.readString(dir.resolve("chromium.log")).lines().count() + " log lines)")
                .isGreaterThan(200);
        assertThat(red).as("the red edge into Role-2 drawn").isGreaterThan(200);
    }

    private static boolean near(int rgb, int target) {
        int dr = Math.abs(((rgb >> 16) & 0xFF) - ((target >> 16) & 0xFF));
        int dg = Math.abs(((rgb >> 8) & 0xFF) - ((target >> 8) & 0xFF));
        int db = Math.abs((rgb & 0xFF) - (target & 0xFF));
        return dr + dg + db < 30;
    }
}
