package dev.countersign.approval.web.links;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The link secret has values for dev and test only: in prod the service must be given one (it does not start
 * without it), never fall back to a value everyone can read in the repository.
 */
class LinkSecretConfigTest {

    @Test
    void onlyDevAndTestHaveALinkSecretAndTheyAreLongEnough() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        }
        assertThat(properties).doesNotContainKey("countersign.approval.links.secret");
        assertThat(properties.stringPropertyNames()).filteredOn(k -> k.endsWith("countersign.approval.links.secret"))
                .containsExactlyInAnyOrder("%dev.countersign.approval.links.secret",
                        "%test.countersign.approval.links.secret");
        assertThat(properties.getProperty("%test.countersign.approval.links.secret"))
                .hasSizeGreaterThanOrEqualTo(LinkTokens.MIN_SECRET_LENGTH);
        assertThat(properties.getProperty("%dev.countersign.approval.links.secret"))
                .hasSizeGreaterThanOrEqualTo(LinkTokens.MIN_SECRET_LENGTH);
    }
}
