package dev.eksirsa.pluginchecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The forms and help files of the plugin are the declarations' (see {@link PluginForms}). */
class PluginFormsTest {

    @Test
    void formsAndHelp_areGeneratedFromTheDeclarations() throws IOException {
        Map<String, String> files = PluginForms.files();
        if (Boolean.getBoolean("eksirsa.updateDocs")) {
            for (Map.Entry<String, String> e : files.entrySet()) {
                Path file = PluginForms.RESOURCES.resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue());
            }
        }
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path file = PluginForms.RESOURCES.resolve(e.getKey());
            assertThat(file).as("generated " + e.getKey()).exists();
            assertThat(Files.readString(file))
                    .as(e.getKey() + " (rerun with -Deksirsa.updateDocs=true)")
                    .isEqualTo(e.getValue());
        }
    }

    @Test
    void titles_readAsWords() {
        assertThat(PluginForms.title("oidcProviderArn")).isEqualTo("OIDC provider ARN");
        assertThat(PluginForms.title("accessPrincipalArns")).isEqualTo("Access principal ARNs");
        assertThat(PluginForms.title("credentialsId")).isEqualTo("Credentials ID");
    }
}
