package io.github.camelpaperless.client;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.github.camelpaperless.client.model.CustomField;
import io.github.camelpaperless.client.model.CustomFieldDataType;
import io.github.camelpaperless.client.model.CustomFieldInstance;
import io.github.camelpaperless.client.model.Document;

/**
 * Custom field definitions (cached, refreshed when a field is not found) and value conversion by data type: values
 * are checked before they are sent (a malformed monetary value such as {@code EUR12} fails here, naming the fix), and
 * read back as typed Java values.
 */
public final class CustomFields {

    private static final Pattern MONETARY_WITH_CURRENCY = Pattern.compile("^[A-Z]{3}-?\\d+(\\.\\d{1,2})$");
    private static final Pattern MONETARY_PLAIN = Pattern.compile("^-?\\d{1,10}(\\.\\d{1,2})?$");

    /** A monetary value: ISO currency (or {@code null}) and amount, sign kept. */
    public record Monetary(String currency, BigDecimal amount) {
        public static Monetary parse(String raw) {
            if (raw == null || raw.isBlank()) {
                return null;
            }
            String s = raw.trim();
            if (s.length() > 3 && Character.isLetter(s.charAt(0))) {
                return new Monetary(s.substring(0, 3), new BigDecimal(s.substring(3)));
            }
            return new Monetary(null, new BigDecimal(s));
        }

        @Override
        public String toString() {
            return (currency == null ? "" : currency) + amount.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
        }
    }

    /** A select option: its 16-character id and its label. */
    public record SelectOption(String id, String label) {
    }

    private final PaperlessClient client;
    private final Map<Integer, CustomField> byId = new ConcurrentHashMap<>();
    private final Map<String, CustomField> byName = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    CustomFields(PaperlessClient client) {
        this.client = client;
    }

    /** Reloads all definitions from the server. */
    public synchronized void refresh() {
        byId.clear();
        byName.clear();
        for (CustomField f : client.customFields().list()) {
            byId.put(f.id(), f);
            byName.put(f.name().toLowerCase(Locale.ROOT), f);
        }
        loaded = true;
    }

    /**
     * The definition of a field given by id (Integer or numeric String) or name.
     *
     * @throws IllegalArgumentException for an unknown field
     */
    public CustomField field(Object idOrName) {
        CustomField f = find(idOrName);
        if (f == null) {
            refresh();
            f = find(idOrName);
        }
        if (f == null) {
            throw new IllegalArgumentException("Unknown custom field '" + idOrName
                                               + "': create it in Paperless (custom fields) or use an existing field id or name");
        }
        return f;
    }

    private CustomField find(Object idOrName) {
        if (!loaded) {
            refresh();
        }
        if (idOrName instanceof Number) {
            return byId.get(((Number) idOrName).intValue());
        }
        String s = String.valueOf(idOrName).trim();
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
            CustomField f = byId.get(Integer.valueOf(s));
            if (f != null) {
                return f;
            }
        }
        return byName.get(s.toLowerCase(Locale.ROOT));
    }

    /** {@code field -> value} (ids or names) to {@code id -> API value}, each value checked against its type. */
    public Map<Integer, Object> toApi(Map<?, ?> values) {
        Map<Integer, Object> out = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((k, v) -> {
                CustomField f = field(k);
                out.put(f.id(), toApiValue(f, v));
            });
        }
        return out;
    }

    /**
     * Checks and converts one value for a field's data type.
     *
     * @throws IllegalArgumentException naming the expected format
     */
    public static Object toApiValue(CustomField field, Object value) {
        if (value == null) {
            return null;
        }
        CustomFieldDataType type = field.dataType() == null ? CustomFieldDataType.UNKNOWN : field.dataType();
        String name = "'" + field.name() + "' (" + type.value() + ")";
        switch (type) {
            case STRING:
            case LONGTEXT:
            case URL:
                return String.valueOf(value);
            case BOOLEAN:
                if (value instanceof Boolean) {
                    return value;
                }
                String b = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
                if (b.equals("true") || b.equals("false")) {
                    return Boolean.valueOf(b);
                }
                throw malformed(name, value, "true or false");
            case INTEGER:
                try {
                    long l = value instanceof Number ? ((Number) value).longValue() : Long.parseLong(String.valueOf(value).trim());
                    if (value instanceof Double || value instanceof Float) {
                        if (((Number) value).doubleValue() != l) {
                            throw malformed(name, value, "a whole number");
                        }
                    }
                    if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                        throw malformed(name, value, "a whole number between -2147483648 and 2147483647");
                    }
                    return l;
                } catch (NumberFormatException e) {
                    throw malformed(name, value, "a whole number");
                }
            case FLOAT:
                try {
                    return value instanceof Number ? ((Number) value).doubleValue() : Double.parseDouble(String.valueOf(value).trim());
                } catch (NumberFormatException e) {
                    throw malformed(name, value, "a number");
                }
            case DATE:
                return date(name, value).toString();
            case MONETARY: {
                if (value instanceof Monetary) {
                    return value.toString();
                }
                if (value instanceof Number) {
                    return new BigDecimal(value.toString()).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
                }
                String m = String.valueOf(value).trim();
                if (m.isEmpty() || MONETARY_WITH_CURRENCY.matcher(m).matches() || MONETARY_PLAIN.matcher(m).matches()) {
                    return m;
                }
                throw malformed(name, value,
                        "a currency code and an amount with 2 decimals (e.g. EUR12.50; a currency needs the decimals: "
                                             + "EUR12 is rejected, write EUR12.00) or a plain amount (12.5)");
            }
            case SELECT: {
                Map<String, String> options = field.selectOptions();
                String s = String.valueOf(value).trim();
                if (options.containsKey(s)) {
                    return s;
                }
                for (Map.Entry<String, String> o : options.entrySet()) {
                    if (o.getValue().equalsIgnoreCase(s)) {
                        return o.getKey();
                    }
                }
                throw malformed(name, value, "one of the options " + options.values());
            }
            case DOCUMENTLINK: {
                List<Integer> ids = new ArrayList<>();
                Collection<?> c = value instanceof Collection ? (Collection<?>) value
                        : value instanceof String ? Csv.split((String) value) : List.of(value);
                for (Object o : c) {
                    String s = String.valueOf(o).trim();
                    if (s.isEmpty()) {
                        continue;
                    }
                    try {
                        ids.add(Integer.valueOf(s));
                    } catch (NumberFormatException e) {
                        throw malformed(name, value, "a list of document ids");
                    }
                }
                return ids;
            }
            default:
                return value;
        }
    }

    private static LocalDate date(String name, Object value) {
        if (value instanceof LocalDate) {
            return (LocalDate) value;
        }
        if (value instanceof LocalDateTime) {
            return ((LocalDateTime) value).toLocalDate();
        }
        if (value instanceof OffsetDateTime) {
            return ((OffsetDateTime) value).toLocalDate();
        }
        if (value instanceof ZonedDateTime) {
            return ((ZonedDateTime) value).toLocalDate();
        }
        try {
            return LocalDate.parse(String.valueOf(value).trim());
        } catch (DateTimeParseException e) {
            throw malformed(name, value, "a date YYYY-MM-DD");
        }
    }

    private static IllegalArgumentException malformed(String name, Object value, String expected) {
        return new IllegalArgumentException("Malformed value '" + value + "' for custom field " + name + ": use " + expected);
    }

    /** Reads an API value as a typed Java value for a field. */
    public static Object fromApiValue(CustomField field, Object raw) {
        if (raw == null) {
            return null;
        }
        CustomFieldDataType type = field.dataType() == null ? CustomFieldDataType.UNKNOWN : field.dataType();
        switch (type) {
            case DATE:
                return LocalDate.parse(String.valueOf(raw));
            case BOOLEAN:
                return raw instanceof Boolean ? raw : Boolean.valueOf(String.valueOf(raw));
            case INTEGER:
                return raw instanceof Number ? ((Number) raw).longValue() : Long.valueOf(String.valueOf(raw));
            case FLOAT:
                return raw instanceof Number ? ((Number) raw).doubleValue() : Double.valueOf(String.valueOf(raw));
            case MONETARY:
                return Monetary.parse(String.valueOf(raw));
            case SELECT: {
                String id = String.valueOf(raw);
                return new SelectOption(id, field.selectOptions().getOrDefault(id, id));
            }
            case DOCUMENTLINK: {
                List<Integer> ids = new ArrayList<>();
                if (raw instanceof Collection) {
                    ((Collection<?>) raw).forEach(o -> ids.add(Integer.valueOf(String.valueOf(o))));
                }
                return List.copyOf(ids);
            }
            default:
                return raw;
        }
    }

    /** A document's custom field values by field name, typed by each field's data type. */
    public Map<String, Object> typedValues(Document document) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (document.customFields() != null) {
            for (CustomFieldInstance cf : document.customFields()) {
                CustomField f = field(cf.field());
                out.put(f.name(), fromApiValue(f, cf.value()));
            }
        }
        return out;
    }

    /**
     * Merges new values into a document's existing custom fields: the server replaces the whole list on update, so
     * fields not mentioned are kept.
     */
    public List<Map<String, Object>> merge(List<CustomFieldInstance> existing, Map<Integer, Object> updates) {
        Map<Integer, Object> merged = new LinkedHashMap<>();
        if (existing != null) {
            existing.forEach(cf -> merged.put(cf.field(), cf.value()));
        }
        merged.putAll(updates);
        List<Map<String, Object>> out = new ArrayList<>();
        merged.forEach((k, v) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("field", k);
            m.put("value", v);
            out.add(m);
        });
        return out;
    }
}
