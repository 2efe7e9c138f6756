package dev.stockroom.catalog;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stockroom.http.QueryParams;

/** A sparse fieldset ({@code fields=id,name,price}): which members of each item a client wants. */
record SparseFields(Set<String> names) {

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    /** Null when the client asked for whole items. */
    static SparseFields parse(String fields) {
        if (fields == null || fields.isBlank()) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        for (String name : fields.split(",")) {
            String trimmed = name.trim();
            if (!ProductView.FIELDS.contains(trimmed)) {
                throw QueryParams.invalid("fields", "names an unknown field '" + trimmed + "'; known fields: "
                        + String.join(", ", ProductView.FIELDS.stream().sorted().toList()));
            }
            names.add(trimmed);
        }
        return new SparseFields(names);
    }

    List<Map<String, Object>> apply(List<ProductView> items, ObjectMapper json) {
        return items.stream().map(item -> {
            Map<String, Object> all = json.convertValue(item, MAP);
            all.keySet().retainAll(names);
            return (Map<String, Object>) all;
        }).toList();
    }

    @Override
    public String toString() {
        return String.join(",", Arrays.asList(names.toArray(String[]::new)));
    }
}
