package io.omniprep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.omniprep.runners.testing.CliRuns;
import io.omniprep.runners.testing.CliRuns.Result;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Beam quotes an option's value when it cannot parse it; for the credentials options the CLI must
 * not pass that on. (Runs that succeed are checked in ObjectStoreIT.)
 */
class CliSecretsTest {
  private static final String SECRET = "OMNIPREP-SECRET-cli-7f3a9e";

  @Test
  void aMalformedCredentialsOptionIsReportedWithoutItsValue(@TempDir Path tmp) {
    Result run = run(tmp, "--awsCredentialsProvider={\"@type\":\"StaticCredentialsProvider\",\"accessKeyId\":\"AKIAOMNIPREP\",\"secretAccessKey\":\"" + SECRET + "\"");

    assertEquals(2, run.exitCode(), run::describe);
    assertTrue(run.stderr().contains("--awsCredentialsProvider"), run::describe);
    assertSecretNowhere(run);
  }

  @Test
  void anUnknownCredentialsProviderIsReportedWithoutItsValue(@TempDir Path tmp) {
    Result run = run(tmp, "--awsCredentialsProvider={\"@type\":\"StaticCredentialsProvidr\",\"accessKeyId\":\"AKIAOMNIPREP\",\"secretAccessKey\":\"" + SECRET + "\"}");

    assertEquals(2, run.exitCode(), run::describe);
    assertSecretNowhere(run);
  }

  @Test
  void secretFieldsQuotedInOtherMessagesAreHidden() {
    Secrets secrets = Secrets.in(new String[] {"--input=x.json"});

    assertEquals("at [Source: \"{\"secretAccessKey\":\"<hidden>", secrets.redact("at [Source: \"{\"secretAccessKey\":\"" + SECRET));
  }

  private static Result run(Path tmp, String credentials) {
    return CliRuns.inProcess(
        "convert",
        List.of("convert", "--input=s3://bucket/in.json", "--output=" + tmp, "--awsRegion=us-east-1", "--endpoint=http://127.0.0.1:9", credentials));
  }

  private static void assertSecretNowhere(Result run) {
    assertFalse(run.stderr().contains(SECRET), run::describe);
    assertFalse(run.stdout().contains(SECRET), run::describe);
  }
}
