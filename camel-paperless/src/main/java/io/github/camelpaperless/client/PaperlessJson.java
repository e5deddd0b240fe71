package io.github.camelpaperless.client;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.databind.type.MapType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.camelpaperless.client.model.IsoDateTimes;

/**
 * The JSON settings shared by the client and the models: snake_case property names, unknown fields ignored, unknown
 * enum values mapped to {@code UNKNOWN}, {@code java.time} types as ISO strings (offsets kept), nulls omitted when a
 * model is written, and every collection read from the API unmodifiable.
 */
public final class PaperlessJson {

    private static final ObjectMapper MAPPER = create();

    private PaperlessJson() {
    }

    /** The shared, configured mapper (thread-safe; do not reconfigure it). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A new mapper with the same settings, for callers that want to customise one. */
    public static ObjectMapper create() {
        SimpleModule immutables = new SimpleModule("paperless-immutable-collections");
        immutables.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyCollectionDeserializer(
                    DeserializationConfig config, CollectionType type, BeanDescription beanDesc,
                    JsonDeserializer<?> deserializer) {
                return new Unmodifiable(deserializer);
            }

            @Override
            public JsonDeserializer<?> modifyMapDeserializer(
                    DeserializationConfig config, MapType type, BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
                return new Unmodifiable(deserializer);
            }
        });
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                // models omit null fields; Maps keep them, so {"correspondent": null} clears a field
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS))
                .addModule(new JavaTimeModule())
                .addModule(immutables)
                // the date-times Paperless sends, read by hand (JavaTimeModule's for every other shape)
                .addModule(new SimpleModule("paperless-dates")
                        .addDeserializer(OffsetDateTime.class, new IsoDateTimes.OffsetDateTimeDeserializer()))
                .build();
    }

    /** Wraps a collection deserializer so that its result is unmodifiable. */
    private static final class Unmodifiable extends DelegatingDeserializer {
        private static final long serialVersionUID = 1L;

        Unmodifiable(JsonDeserializer<?> d) {
            super(d);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new Unmodifiable(newDelegatee);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return wrap(super.deserialize(p, ctxt));
        }

        @SuppressWarnings({ "rawtypes", "unchecked" })
        private static Object wrap(Object value) {
            if (value instanceof List) {
                return Collections.unmodifiableList((List) value);
            }
            if (value instanceof Set) {
                return Collections.unmodifiableSet((Set) value);
            }
            if (value instanceof Map) {
                return Collections.unmodifiableMap((Map) value);
            }
            if (value instanceof Collection) {
                return Collections.unmodifiableCollection((Collection) value);
            }
            return value;
        }
    }
}
