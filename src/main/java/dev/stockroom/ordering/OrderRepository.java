package dev.stockroom.ordering;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;

@ApplicationScoped
public class OrderRepository implements PanacheRepositoryBase<CustomerOrder, UUID> {

    /** A page of orders, newest first, with their lines: one SQL statement (the page is a subquery). */
    public List<CustomerOrder> pageWithLines(UUID before, int size) {
        // The limit is in the subquery, on orders: page() would limit the joined rows (in memory, at that).
        String after = before == null ? "" : "where o2.id < :before ";
        Parameters parameters = Parameters.with("size", size);
        if (before != null) {
            parameters.and("before", before);
        }
        return find("""
                select distinct o from CustomerOrder o left join fetch o.lines
                where o.id in (select o2.id from CustomerOrder o2 %sorder by o2.id desc limit :size)
                order by o.id desc""".formatted(after), parameters).list();
    }

    public Optional<CustomerOrder> findWithLines(UUID id) {
        return find("select o from CustomerOrder o left join fetch o.lines where o.id = ?1", id).singleResultOptional();
    }
}
