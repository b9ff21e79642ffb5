package dev.eksirsa.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eksirsa.engine.api.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --spec files are read strictly, and no error quotes a file's content. */
class SpecFileTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @TempDir
    Path dir;

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private String errorOf(Path file) {
        Throwable e = org.assertj.core.api.Assertions.catchThrowable(() -> SpecFile.read(file));
        assertThat(e).isInstanceOf(InvalidInputException.class);
        return e.getMessage();
    }

    @Test
    void dotEnvFileGivenAsSpec_isRefusedWithoutEchoingTheSecret() throws Exception {
        String message = errorOf(file(".env", "AWS_ACCESS_KEY_ID=AKIAEXAMPLE\nAWS_SECRET_ACCESS_KEY=" + SECRET + "\n"));

        assertThat(message).doesNotContain(SECRET).doesNotContain("AKIAEXAMPLE").contains(".env");
    }

    @Test
    void passwdLikeFile_isRefusedWithoutItsFirstLine() throws Exception {
        String message = errorOf(file("passwd", "root:x:0:0:root:/root:/bin/bash\n"));

        assertThat(message).doesNotContain("root:x").contains("one map of argument names");
    }

    @Test
    void duplicateYamlKey_isRefusedNamingTheLine() throws Exception {
        String message = errorOf(file("dup.yaml", "name: a\ncreate: true\nname: " + SECRET + "\n"));

        assertThat(message).contains("a key appears twice").contains("line 3").doesNotContain(SECRET);
    }

    @Test
    void twoYamlDocuments_areRefused() throws Exception {
        assertThat(errorOf(file("two.yaml", "name: a\n---\nname: b\n"))).contains("content after the first document");
    }

    @Test
    void jsonWithTrailingContentOrTrailingComma_isRefused() throws Exception {
        assertThat(errorOf(file("trail.json", "{\"name\": \"a\"} {\"name\": \"b\"}")))
                .contains("not valid JSON")
                .contains("content after the first document");
        assertThat(errorOf(file("comma.json", "{\"name\": \"a\",}")))
                .contains("not valid JSON")
                .contains("line 1");
        assertThat(errorOf(file("dup.json", "{\"name\": \"a\", \"name\": \"" + SECRET + "\"}")))
                .contains("a key appears twice")
                .doesNotContain(SECRET);
    }

    @Test
    void directoryOrMissingFile_isBadInput() throws Exception {
        assertThat(errorOf(dir)).contains("is a directory");
        assertThat(errorOf(dir.resolve("missing.yaml"))).contains("cannot read");
    }

    @Test
    void emptyFile_isAnEmptyMap_andAValidSpecIsRead() throws Exception {
        assertThat(SpecFile.read(file("empty.yaml", ""))).isEmpty();
        assertThat(SpecFile.read(file("ok.yaml", "name: a\ncreate: true\n")))
                .containsEntry("name", "a")
                .containsEntry("create", true);
        assertThatThrownBy(() -> SpecFile.read(file("list.yaml", "- a\n- b\n")))
                .hasMessageContaining("one map of argument names");
    }
}
