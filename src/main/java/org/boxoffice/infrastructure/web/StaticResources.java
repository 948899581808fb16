package org.boxoffice.infrastructure.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.AbstractResourceResolver;
import org.springframework.web.servlet.resource.ResourceResolverChain;

/**
 * The static pages ({@code classpath:/static/}) served from memory. Served the default way, every request resolved
 * the file's URL inside the nested jar and opened it again: a JFR profile of {@code /queue.css} under load had the
 * resource handler in 38% of the samples, most of it jar URL handling. Files are read once, on first request; only
 * files that exist are remembered (made-up paths cannot fill the memory) and only small ones.
 * {@code spring.web.resources.add-mappings} is off so that this is the only handler for {@code /**}.
 */
@Configuration(proxyBeanMethods = false)
class StaticResources implements WebMvcConfigurer {
    static final int MAX_CACHED_BYTES = 1 << 20;

    /** The home page: the event list of the web pages. */
    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/").setViewName("forward:/index.html");
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/**").addResourceLocations("classpath:/static/")
                .resourceChain(false).addResolver(new InMemory());
    }

    /** Resolves through the rest of the chain once per existing file, then answers from a copy in memory. */
    static final class InMemory extends AbstractResourceResolver {
        private final Map<String, Resource> files = new ConcurrentHashMap<>();

        @Override
        protected @Nullable Resource resolveResourceInternal(@Nullable HttpServletRequest request, String requestPath,
                                                             List<? extends Resource> locations, ResourceResolverChain chain) {
            Resource known = files.get(requestPath);
            if (known != null) {
                return known;
            }
            Resource resolved = chain.resolveResource(request, requestPath, locations);
            if (resolved == null) {
                return null;
            }
            Resource copy = copyOf(resolved);
            if (copy != resolved) {
                files.putIfAbsent(requestPath, copy);
            }
            return copy;
        }

        @Override
        protected @Nullable String resolveUrlPathInternal(String resourceUrlPath, List<? extends Resource> locations,
                                                          ResourceResolverChain chain) {
            return chain.resolveUrlPath(resourceUrlPath, locations);
        }

        private static Resource copyOf(Resource file) {
            try {
                long length = file.contentLength();
                if (length > MAX_CACHED_BYTES) {
                    return file;
                }
                return new FileInMemory(file.getContentAsByteArray(), file.getFilename(), file.lastModified());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A file's bytes with the name (for its media type) and modification time (for Last-Modified) of the original. */
    static final class FileInMemory extends ByteArrayResource {
        private final @Nullable String filename;
        private final long lastModified;

        FileInMemory(byte[] bytes, @Nullable String filename, long lastModified) {
            super(bytes, "static file " + filename);
            this.filename = filename;
            this.lastModified = lastModified;
        }

        @Override
        public @Nullable String getFilename() {
            return filename;
        }

        @Override
        public long lastModified() {
            return lastModified;
        }
    }
}
