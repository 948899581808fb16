package org.boxoffice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every setting of the settings records has its default and environment variable in application.yml, a description in
 * the generated configuration metadata, and a row in the README's configuration table.
 */
class SettingsDocumentationTests {
    private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{(BOXOFFICE_[A-Z0-9_]+):(.*)}$");

    @Test
    void everySettingHasADescriptionADefaultInApplicationYmlAndItsVariableInTheReadme() throws IOException {
        Map<String, String> yml = applicationYml();
        // only the README's tables count (lines that start with "|"): a mention in its prose documents nothing
        String tables = Files.readAllLines(Path.of("README.md")).stream().filter(line -> line.startsWith("|"))
                .reduce("", (a, b) -> a + b + "\n");
        List<String> problems = new ArrayList<>();
        for (JsonNode property : metadata().get("properties")) {
            String name = property.get("name").asString();
            if (!name.startsWith("boxoffice.")) {
                continue;
            }
            if (!property.has("description") || property.get("description").asString().isBlank()) {
                problems.add(name + " has no description (javadoc @param of its settings record)");
            }
            String value = yml.get(name);
            Matcher placeholder = value == null ? null : PLACEHOLDER.matcher(value);
            if (placeholder == null || !placeholder.matches()) {
                problems.add(name + " has no ${BOXOFFICE_...:default} entry in application.yml");
            } else if (!tables.contains("`" + placeholder.group(1) + "`")) {
                problems.add(placeholder.group(1) + " (" + name + ") is not in the README's configuration table");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theMetadataCoversTheSettingsRecords() throws IOException {
        List<String> names = new ArrayList<>();
        metadata().get("properties").forEach(p -> names.add(p.get("name").asString()));
        assertThat(names).contains("boxoffice.db.group-commit.max-batch", "boxoffice.seatmap.tick", "boxoffice.auth.bcrypt-cost",
                "boxoffice.ratelimit.per-event", "boxoffice.http.max-in-flight", "boxoffice.redis.url");
    }

    private static JsonNode metadata() throws IOException {
        try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
            return JsonMapper.builder().build().readTree(in);
        }
    }

    private static Map<String, String> applicationYml() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))) {
            EnumerablePropertySource<?> enumerable = (EnumerablePropertySource<?>) source;
            for (String name : enumerable.getPropertyNames()) {
                values.put(name, String.valueOf(enumerable.getProperty(name)));
            }
        }
        return values;
    }
}
