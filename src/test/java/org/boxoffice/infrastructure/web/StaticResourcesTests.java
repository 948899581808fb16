package org.boxoffice.infrastructure.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.web.servlet.resource.ResourceResolverChain;

class StaticResourcesTests {
    private final AtomicInteger resolutions = new AtomicInteger();
    private final ResourceResolverChain classpath = new ResourceResolverChain() {
        @Override
        public Resource resolveResource(HttpServletRequest request, String requestPath, List<? extends Resource> locations) {
            resolutions.incrementAndGet();
            Resource file = new ClassPathResource("static/" + requestPath);
            return file.exists() ? file : null;
        }

        @Override
        public String resolveUrlPath(String resourcePath, List<? extends Resource> locations) {
            return resourcePath;
        }
    };
    private final StaticResources.InMemory inMemory = new StaticResources.InMemory();

    @Test
    void readsAFileOnceAndThenAnswersWithTheSameBytesNameAndDateFromMemory() throws Exception {
        Resource original = new ClassPathResource("static/queue.css");

        Resource first = inMemory.resolveResource(null, "queue.css", List.of(), classpath);
        Resource second = inMemory.resolveResource(null, "queue.css", List.of(), classpath);

        assertThat(resolutions).hasValue(1);
        assertThat(second).isSameAs(first);
        assertThat(second.getContentAsByteArray()).isEqualTo(original.getContentAsByteArray());
        assertThat(second.getFilename()).isEqualTo("queue.css");
        assertThat(second.lastModified()).isEqualTo(original.lastModified());
    }

    @Test
    void remembersNothingForPathsThatAreNoFile() {
        assertThat(inMemory.resolveResource(null, "made-up.css", List.of(), classpath)).isNull();
        assertThat(inMemory.resolveResource(null, "made-up.css", List.of(), classpath)).isNull();

        assertThat(resolutions).as("each miss asks the chain again; nothing stored for it").hasValue(2);
    }
}
