package dev.stockroom.catalog;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A page of products, newest first. {@code nextCursor} (keyset paging) or {@code nextOffset} (offset paging)
 * is absent on the last page. Items hold only the requested fields when a sparse fieldset was asked for.
 * Serialized by {@link ProductService} into the cached page, hence registered for reflection.
 */
@RegisterForReflection
public record ProductPage(
        @Schema(type = SchemaType.ARRAY, implementation = ProductView.class,
                description = "With a sparse fieldset (`fields=`), each item holds only the named fields") List<?> items, String nextCursor, Integer nextOffset) {
}
