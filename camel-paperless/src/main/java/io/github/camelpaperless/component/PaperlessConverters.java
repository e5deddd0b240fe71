package io.github.camelpaperless.component;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelpaperless.client.PaperlessJson;
import io.github.camelpaperless.client.model.HasId;
import io.github.camelpaperless.client.model.Task;
import org.apache.camel.Converter;
import org.apache.camel.Exchange;
import org.apache.camel.TypeConversionException;
import org.apache.camel.spi.TypeConverterRegistry;

/**
 * Type conversions users reach for in routes:
 * <ul>
 * <li>a Paperless object (document, tag, task, ...) to its id: {@code .setHeader("CamelPaperlessId", body())};</li>
 * <li>a consumption {@link Task} to its UUID, which {@code tasks?operation=poll} reads from the body;</li>
 * <li>a model to a {@code Map} (the API's snake_case fields) and back, and JSON (String, byte[], InputStream) to a
 * model: {@code .convertBodyTo(Tag.class)} after an HTTP call or a Kamelet that sends JSON.</li>
 * </ul>
 * Loaded by Camel through the generated {@code PaperlessConvertersLoader} (no classpath scanning).
 */
@Converter(generateLoader = true)
public final class PaperlessConverters {

    private static final String MODEL_PACKAGE = HasId.class.getPackageName();
    private static final ObjectMapper JSON = PaperlessJson.mapper();

    private PaperlessConverters() {
    }

    /** A Paperless object to its id. */
    @Converter
    public static Integer toId(HasId object) {
        return object.id();
    }

    /** A consumption task to its UUID. */
    @Converter
    public static String toTaskId(Task task) {
        return task.taskId();
    }

    /** Models to and from {@code Map} and JSON, with the API's field names; {@code null} when not applicable. */
    @Converter(fallback = true)
    public static <T> T convertTo(Class<T> type, Exchange exchange, Object value, TypeConverterRegistry registry) {
        if (value == null) {
            return null;
        }
        boolean toModel = isModel(type);
        boolean fromModel = isModel(value.getClass());
        try {
            if (fromModel && Map.class.isAssignableFrom(type)) {
                return type.cast(JSON.convertValue(value, Map.class));
            }
            if (toModel && value instanceof Map) {
                return JSON.convertValue(value, type);
            }
            if (toModel && value instanceof String) {
                return JSON.readValue((String) value, type);
            }
            if (toModel && value instanceof byte[]) {
                return JSON.readValue(new String((byte[]) value, StandardCharsets.UTF_8), type);
            }
            if (toModel && value instanceof InputStream) {
                return JSON.readValue((InputStream) value, type);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new TypeConversionException(value, type, e);
        }
        return null;
    }

    private static boolean isModel(Class<?> c) {
        return c.isRecord() && c.getPackageName().equals(MODEL_PACKAGE);
    }
}
